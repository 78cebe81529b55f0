/**
 * Small, valid inputs built in memory: England and two areas over two financial years, and a
 * minimal briefing (one source file, a few claims and a quotation). Tests change one thing and
 * check the result.
 */
import { NATIONAL_CHART_IDS } from '../../pipeline/charts/specs/national.ts';
import { ORG_FILE, REASON_FILE, REASONS } from '../../pipeline/validate/dtoc-schema.ts';
import { monthLabel, monthRange, type Month } from '../../pipeline/domain/periods.ts';
import type { InputFile } from '../../pipeline/types.ts';

export const MONTHS = monthRange('2014-04' as Month, '2016-03' as Month);

export const AREAS = [
  { name: 'Barnet', old: '717', current: 'E09000003', base: 700 },
  { name: 'Derby', old: '831', current: 'E06000015', base: 300 },
];

const csvLine = (cells: (string | number)[]): string => cells.map((c) => `"${c}"`).join(',');

/** Reasons for one area-month: spread `total` over the first reasons; "NA" for Other before April 2017. */
function reasonCells(total: number, month: Month): (string | number)[] {
  const cells: (string | number)[] = REASONS.map(() => 0);
  cells[0] = Math.floor(total / 2);
  cells[2] = total - Math.floor(total / 2);
  if (month < '2017-04') cells[REASONS.length - 1] = 'NA';
  return cells;
}

export interface DtocRows {
  reasons: string[][];
  orgs: string[][];
}

/** Row cells (strings) for both files, England first in each month, as the real files are. */
export function dtocRows(): DtocRows {
  return dtocRowsFor(AREAS, MONTHS);
}

export function toCsv(header: readonly string[], rows: string[][]): string {
  return [csvLine([...header]), ...rows.map(csvLine)].join('\n') + '\n';
}

export const REASON_HEADER = REASON_FILE.columns.map((c) => c.name);
export const ORG_HEADER = ORG_FILE.columns.map((c) => c.name);

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

export const SOURCE_TEXT = [
  'A report',
  '',
  'Spending rose by 1,234 days in 2015-16.',
  '',
  'The minister said: “We did our best under pressure.”',
  '',
].join('\n');

export const CONTENT = {
  'briefing.yaml':
    'id: test-briefing\ntitle: A test briefing\nsubtitle: For tests\ndate: 2026-01-15\nlang: en-GB\nauthor: Tests\n',
  'sources.yaml': [
    '- id: article',
    '  kind: article',
    '  title: A report',
    '  publisher: The Paper',
    '  file: sources/article.txt',
    '- id: data',
    '  kind: dataset',
    '  title: The data',
    '  publisher: NHS England',
    '',
  ].join('\n'),
  'claims.yaml': [
    '- id: rise',
    '  label: Rise in delayed days',
    '  value: 1234',
    '  unit: days',
    '  cite:',
    '    - { source: article, line: 3, says: "1,234" }',
    '- id: total-2015-16',
    '  label: Total delayed days in England, 2015-16',
    '  unit: days',
    '  compute: { measure: fy-total, area: England, year: 2015-16 }',
    '  cite:',
    '    - { source: data, locator: "England rows" }',
    '',
  ].join('\n'),
  'quotes.yaml': [
    '- id: minister',
    '  speaker: The minister',
    '  role: Minister',
    '  text: We did our best under pressure.',
    '  cite: { source: article, line: 5 }',
    '',
  ].join('\n'),
};

export const TEMPLATE =
  '<h1 id="t">{{meta.title}}</h1><p>Up {{fig "rise"}}; total {{fig "total-2015-16"}}.</p>{{quote "minister"}}';

export interface FixtureOptions {
  rows?: DtocRows;
  reasonCsv?: string;
  orgCsv?: string;
  content?: Partial<Record<keyof typeof CONTENT, string>>;
  template?: string;
  source?: string;
}

/** A complete valid set of input files; override any part. */
export function fixtureFiles(options: FixtureOptions = {}): InputFile[] {
  const rows = options.rows ?? dtocRows();
  const content = { ...CONTENT, ...options.content };
  return [
    {
      path: 'data/dtoc/delayed-days-by-reason.csv',
      bytes: enc(options.reasonCsv ?? toCsv(REASON_HEADER, rows.reasons)),
    },
    {
      path: 'data/dtoc/delayed-days-by-responsible-org.csv',
      bytes: enc(options.orgCsv ?? toCsv(ORG_HEADER, rows.orgs)),
    },
    ...Object.entries(content).map(([name, text]) => ({
      path: `data/bcf/${name}`,
      bytes: enc(text),
    })),
    { path: 'data/sources/article.txt', bytes: enc(options.source ?? SOURCE_TEXT) },
    { path: 'templates/bcf/briefing.hbs', bytes: enc(options.template ?? TEMPLATE) },
  ];
}

export const FIXTURE_OPTIONS = {
  dataDir: 'data',
  contentDir: 'data/bcf',
  templateDir: 'templates/bcf',
  charts: NATIONAL_CHART_IDS,
  strict: false,
};

export interface AreaDef {
  name: string;
  old: string;
  current: string;
  /** Total delayed days in the first month; each later month adds 10. */
  base: number;
}

/** Like `dtocRows()`, for any areas and months: England first in each month, 5 days above its areas. */
export function dtocRowsFor(areas: readonly AreaDef[], months: readonly Month[]): DtocRows {
  const reasons: string[][] = [];
  const orgs: string[][] = [];
  months.forEach((month, i) => {
    const totals = areas.map((a) => ({ ...a, total: a.base + i * 10 }));
    const rows = [
      { name: 'England', code: '-', total: totals.reduce((s, a) => s + a.total, 0) + 5 },
      ...totals.map((a) => ({
        name: a.name,
        code: month < '2015-04' ? a.old : a.current,
        total: a.total,
      })),
    ];
    for (const r of rows) {
      reasons.push(
        [r.code, r.name, ...reasonCells(r.total, month), r.total, monthLabel(month)].map(String),
      );
      const nhs = Math.floor(r.total * 0.6);
      const sc = Math.floor(r.total * 0.3);
      orgs.push([r.name, nhs, sc, r.total - nhs - sc, monthLabel(month)].map(String));
    }
  });
  return { reasons, orgs };
}

/** The smallest fixture that exercises every rule: England and Barnet over 2015-16 (12 months). */
export function smallDtocRows(): DtocRows {
  return dtocRowsFor(AREAS.slice(0, 1), monthRange('2015-04' as Month, '2016-03' as Month));
}

/** The files with one replaced by raw bytes, or removed when `bytes` is undefined. */
export function withFile(
  files: InputFile[],
  path: string,
  bytes: Uint8Array | undefined,
): InputFile[] {
  if (bytes === undefined) return files.filter((f) => f.path !== path);
  return files.map((f) => (f.path === path ? { path, bytes } : f));
}

/**
 * Give row `i` a new total in both files, keeping its reasons (the first and third) and its
 * responsible organisations adding up to it.
 */
export function setRowTotal(rows: DtocRows, i: number, total: number): void {
  const reasons = rows.reasons[i]!;
  reasons[2] = String(Math.floor(total / 2));
  reasons[4] = String(total - Math.floor(total / 2));
  reasons[REASON_HEADER.indexOf('Total Delayed Transfers of Care')] = String(total);
  const nhs = Math.floor(total * 0.6);
  const sc = Math.floor(total * 0.3);
  rows.orgs[i]!.splice(1, 3, String(nhs), String(sc), String(total - nhs - sc));
}
