/**
 * The key figures of one build, as out/figures.json: every report's headline figures, its monthly
 * series and a fingerprint of everything that shapes its content (but not the briefing date, so a
 * rebuild of the same data next month has the same fingerprint). Distribution saves the snapshot
 * it sent as state/last-sent.json; the next build compares with it (compare.ts). Pure.
 */
import { createHash } from 'node:crypto';
import { AREA_DIR } from '../briefings/area.ts';
import { NATIONAL } from '../briefings/national.ts';
import type { AreaModel, InputFile, Unit, ValidDataset } from '../types.ts';

export const SNAPSHOT_FORMAT = 1;

export interface FigureSnapshot {
  id: string;
  label: string;
  value: number | null;
  unit: Unit;
  /** A change, shown with its sign. */
  signed?: true;
}

export interface ReportSnapshot {
  /** "national", or the area's slug. */
  id: string;
  name: string;
  code?: string;
  pdf: string;
  /** sha256 of what shapes the report's content: its data, figures, text and templates. */
  fingerprint: string;
  figures: FigureSnapshot[];
  /** Monthly delayed days, from `first`; null where not available. */
  monthly: { first: string; days: (number | null)[] };
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  briefing: string;
  date: string;
  months: { first: string; last: string };
  reports: ReportSnapshot[];
}

const hash = (parts: (string | Uint8Array)[]): string => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part).update('\0');
  return h.digest('hex');
};

/**
 * The files under any of the folders, each named relative to its data or templates folder (so
 * moving the folders elsewhere does not change a fingerprint). Inputs arrive sorted by path.
 */
const filesUnder = (
  inputs: InputFile[],
  folders: [root: string, sub: string][],
): (string | Uint8Array)[] =>
  inputs.flatMap((f) => {
    const folder = folders.find(([root, sub]) => f.path.startsWith(`${root}/${sub}/`));
    return folder ? [f.path.slice(folder[0].length + 1), f.bytes] : [];
  });

export interface SnapshotContext {
  inputs: InputFile[];
  dataDir: string;
  templateDir: string;
}

function nationalReport(valid: ValidDataset, ctx: SnapshotContext): ReportSnapshot {
  const { dtoc, briefing } = valid;
  return {
    id: 'national',
    name: briefing.meta.title,
    pdf: NATIONAL.pdf,
    fingerprint: hash([
      ...filesUnder(ctx.inputs, [
        [ctx.dataDir, NATIONAL.content],
        [ctx.dataDir, 'sources'],
        [ctx.templateDir, NATIONAL.content],
        [ctx.templateDir, 'shared'],
      ]),
      JSON.stringify({ england: dtoc.england, months: dtoc.months, areas: dtoc.areas.length }),
    ]),
    // The figures the briefing states; England's monthly series covers the data it charts.
    figures: briefing.claims.map((c) => ({
      id: c.id,
      label: c.label,
      value: c.value,
      unit: c.unit,
    })),
    monthly: {
      first: dtoc.england.months[0]!.month,
      days: dtoc.england.months.map((m) => m.total),
    },
  };
}

/** The four figures of an area briefing's "In numbers" table. */
function areaFigures(m: AreaModel): FigureSnapshot[] {
  return [
    {
      id: 'latest-year-days',
      label: `Delayed days, ${m.latest.year}`,
      value: m.latest.days,
      unit: 'days',
    },
    {
      id: 'latest-year-change',
      label: `Change in delayed days, ${m.latest.year} on ${m.latest.previousYear}`,
      value: m.latest.changePct,
      unit: 'percent',
      signed: true,
    },
    {
      id: 'bcf-year-change',
      label: `Change in delayed days, ${m.bcf.after} on ${m.bcf.before}`,
      value: m.bcf.changePct,
      unit: 'percent',
      signed: true,
    },
    {
      id: 'social-care-share',
      label: `Share of delays attributed to social care, ${m.shares.year}`,
      value: m.shares.area.socialCare,
      unit: 'percent',
    },
  ];
}

function areaReport(m: AreaModel, shared: string): ReportSnapshot {
  // Without the positions among all areas: one area's revision should not mark every area changed.
  const own = {
    ...m,
    latest: { ...m.latest, daysRank: null, changeRank: null },
    bcf: { ...m.bcf, rank: null },
    shares: { ...m.shares, ranks: { nhs: null, socialCare: null, both: null } },
  };
  return {
    id: m.slug,
    name: m.name,
    ...(m.codes.current ? { code: m.codes.current } : {}),
    pdf: `${AREA_DIR}/${m.slug}.pdf`,
    fingerprint: hash([shared, JSON.stringify(own)]),
    figures: areaFigures(m),
    monthly: { first: m.monthly[0]!.month, days: m.monthly.map((p) => p.days) },
  };
}

export function buildSnapshot(
  valid: ValidDataset,
  models: AreaModel[],
  ctx: SnapshotContext,
): Snapshot {
  const { dtoc, briefing } = valid;
  const shared = hash([
    ...filesUnder(ctx.inputs, [
      [ctx.templateDir, 'area'],
      [ctx.templateDir, 'shared'],
    ]),
    JSON.stringify(briefing.sources),
  ]);
  return {
    format: SNAPSHOT_FORMAT,
    briefing: briefing.meta.id,
    date: briefing.meta.date,
    months: { first: dtoc.months[0]!, last: dtoc.months.at(-1)! },
    reports: [
      nationalReport(valid, ctx),
      ...[...models].sort((a, b) => (a.slug < b.slug ? -1 : 1)).map((m) => areaReport(m, shared)),
    ],
  };
}
