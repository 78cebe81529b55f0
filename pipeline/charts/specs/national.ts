/**
 * The national briefing's charts: pure functions from validated data to Vega-Lite specs, each
 * with its title, text alternative, source line and the data as a table.
 */
import {
  formatDays,
  formatMillions,
  formatNumber,
  formatPercent,
  formatSigned,
  formatValue,
} from '../../domain/format.ts';
import { orgShare, pickTotal, reasonPick, yearSum } from '../../domain/dtoc-stats.ts';
import type { ChartDef, Claim, ValidDataset } from '../../types.ts';
import { baseSpec, FINANCIAL_YEAR_X, PALETTE, REASON_Y } from '../theme.ts';
import { NHSE_SOURCE_LINE, sourceLineFor } from './source-line.ts';

function claim(valid: ValidDataset, id: string): Claim {
  const found = valid.briefing.claims.find((c) => c.id === id);
  if (!found) throw new Error(`chart needs claim "${id}"`);
  return found;
}

export function plannedVsActual(valid: ValidDataset): ChartDef {
  const rows = [
    {
      measure: 'Emergency admissions',
      kind: 'Planned',
      claim: claim(valid, 'admissions-planned'),
      cost: claim(valid, 'admissions-planned-saving'),
    },
    {
      measure: 'Emergency admissions',
      kind: 'Actual',
      claim: claim(valid, 'admissions-actual'),
      cost: claim(valid, 'admissions-extra-cost'),
    },
    {
      measure: 'Delayed-transfer days',
      kind: 'Planned',
      claim: claim(valid, 'dtoc-planned'),
      cost: claim(valid, 'dtoc-planned-saving'),
    },
    {
      measure: 'Delayed-transfer days',
      kind: 'Actual',
      claim: claim(valid, 'dtoc-actual'),
      cost: claim(valid, 'dtoc-extra-cost'),
    },
  ];
  const values = rows.map((r) => ({
    measure: r.measure,
    kind: r.kind,
    change: r.claim.value / 1000,
    label: formatSigned(r.claim.value),
  }));
  const panel = (measure: string, unit: string) => ({
    width: 400,
    height: 64,
    title: { text: measure, anchor: 'start', fontSize: 10, fontWeight: 600, offset: 4 },
    transform: [{ filter: { field: 'measure', equal: measure } }],
    encoding: {
      y: {
        field: 'kind',
        type: 'nominal',
        sort: ['Planned', 'Actual'],
        title: null,
        axis: { ticks: false, domain: false, labelFontSize: 9.5 },
      },
      x: {
        field: 'change',
        type: 'quantitative',
        // Room left of the largest fall for its label (−293,000), clear of the axis labels.
        scale: { domain: [-380, 250] },
        title: `Change against 2014-15 (thousands of ${unit})`,
        axis: {
          tickCount: 6,
          labelExpr:
            "datum.value > 0 ? '+' + format(datum.value, ',d') : format(datum.value, ',d')",
        },
      },
    },
    layer: [
      {
        mark: { type: 'bar', height: 20 },
        encoding: {
          color: {
            field: 'kind',
            type: 'nominal',
            scale: { domain: ['Planned', 'Actual'], range: [PALETTE.turquoise, PALETTE.darkPink] },
            legend: null,
          },
        },
      },
      {
        mark: {
          type: 'text',
          fontSize: 9.5,
          fontWeight: 600,
          dx: { expr: 'datum.change < 0 ? -4 : 4' },
          align: { expr: "datum.change < 0 ? 'right' : 'left'" },
        },
        encoding: { text: { field: 'label' } },
      },
      { mark: { type: 'rule', color: PALETTE.darkGrey }, encoding: { x: { datum: 0 }, y: null } },
    ],
  });
  const { width: _w, height: _h, autosize: _a, ...base } = baseSpec(0);
  return {
    id: 'planned-vs-actual',
    title: 'Planned and actual change in 2015-16: emergency admissions and delayed-transfer days',
    alt: `Two bar charts. Emergency admissions were planned to fall by ${formatNumber(-rows[0]!.claim.value)} but rose by ${formatNumber(rows[1]!.claim.value)}. Delayed-transfer days were planned to fall by ${formatNumber(-rows[2]!.claim.value)} but rose by ${formatNumber(rows[3]!.claim.value)}.`,
    sourceLine: sourceLineFor(valid, ['nao-2017', 'pac-2017']),
    sourceIds: ['nao-2017', 'pac-2017'],
    spec: {
      ...base,
      data: { values },
      spacing: 14,
      vconcat: [
        panel('Emergency admissions', 'admissions'),
        panel('Delayed-transfer days', 'days'),
      ],
    },
    table: {
      caption: 'Planned and actual change against 2014-15, and the cost compared with plan',
      columns: [
        { label: 'Measure', numeric: false },
        { label: 'Planned or actual', numeric: false },
        { label: 'Change', numeric: true },
        { label: 'Money', numeric: true },
      ],
      rows: rows.map((r) => [
        r.measure,
        r.kind,
        formatSigned(r.claim.value),
        r.kind === 'Planned'
          ? `${formatValue(r.cost.value, 'gbp-m')} saving planned`
          : `${formatValue(r.cost.value, 'gbp-m')} more than planned`,
      ]),
    },
  };
}

export function daysByYear(valid: ValidDataset): ChartDef {
  const { england, years } = valid.dtoc;
  const full = years.filter((y) => !y.partial);
  const values = full.map((y) => ({
    year: y.label,
    days: yearSum(england, y.label, pickTotal).value,
    bcf: y.label === '2015-16',
  }));
  const first = values[0]!;
  const peak = values.reduce((a, b) => ((b.days ?? 0) > (a.days ?? 0) ? b : a));
  const last = values.at(-1)!;
  return {
    id: 'days-by-year',
    title: `Delayed-transfer days in England by financial year, ${first.year} to ${last.year}`,
    alt: `Bar chart of delayed-transfer days in England each financial year. Days rose from ${formatDays(first.days)} in ${first.year} to a peak of ${formatDays(peak.days)} in ${peak.year}, then fell to ${formatDays(last.days)} in ${last.year}. The Better Care Fund's first year, 2015-16, is highlighted.`,
    sourceLine: NHSE_SOURCE_LINE,
    sourceIds: ['nhse-dtoc'],
    spec: {
      ...baseSpec(210),
      data: {
        values: values.map((v) => ({
          ...v,
          label: v.days === null ? 'n/a' : formatMillions(v.days),
        })),
      },
      encoding: {
        x: FINANCIAL_YEAR_X,
        y: {
          field: 'days',
          type: 'quantitative',
          title: 'Delayed days',
          // Headroom above the tallest bar for its value label.
          scale: { domainMax: Math.ceil(((peak.days ?? 0) * 1.1) / 250_000) * 250_000 },
          axis: {
            labelExpr: "datum.value === 0 ? '0' : format(datum.value / 1e6, '.1f') + 'm'",
            tickCount: 5,
          },
        },
      },
      layer: [
        {
          mark: { type: 'bar', width: { band: 0.7 } },
          encoding: {
            color: {
              field: 'bcf',
              type: 'nominal',
              scale: { domain: [false, true], range: [PALETTE.darkBlue, PALETTE.orange] },
              legend: null,
            },
          },
        },
        {
          mark: { type: 'text', dy: -5, baseline: 'bottom', fontSize: 9 },
          encoding: { text: { field: 'label' } },
        },
      ],
    },
    table: {
      caption: 'Delayed-transfer days in England by financial year',
      columns: [
        { label: 'Financial year', numeric: false },
        { label: 'Delayed days', numeric: true },
        { label: 'Change on year before', numeric: true },
      ],
      rows: values.map((v, i) => {
        const before = values[i - 1]?.days;
        return [
          v.year,
          formatDays(v.days),
          before == null || v.days === null ? '' : formatSigned(v.days - before),
        ];
      }),
    },
  };
}

export function daysByReason(valid: ValidDataset, year = '2015-16'): ChartDef {
  const { england, reasons } = valid.dtoc;
  const values = reasons.map((r) => ({
    reason: r.label,
    days: yearSum(england, year, reasonPick(valid.dtoc, r.column)!).value,
    collectedFrom: r.collectedFrom,
  }));
  const shown = values.filter((v) => v.days !== null).sort((a, b) => b.days! - a.days!);
  const missing = values.filter((v) => v.days === null);
  const top = shown[0]!;
  return {
    id: 'days-by-reason',
    title: `Delayed-transfer days in England by reason for delay, ${year}`,
    alt: `Horizontal bar chart of delayed days in ${year} by reason. The largest reasons were ${shown
      .slice(0, 3)
      .map((v) => `${v.reason} (${formatDays(v.days)})`)
      .join(
        ', ',
      )}.${missing.length ? ` ${missing.map((m) => m.reason).join(', ')}: not collected in ${year}.` : ''}`,
    sourceLine:
      NHSE_SOURCE_LINE +
      (missing.length
        ? ` "${missing.map((m) => m.reason).join('", "')}" was not collected until April 2017.`
        : ''),
    sourceIds: ['nhse-dtoc'],
    spec: {
      ...baseSpec(230),
      data: {
        values: shown.map((v) => ({ ...v, label: `${formatNumber(Math.round(v.days! / 1000))}k` })),
      },
      encoding: {
        y: REASON_Y,
        x: {
          field: 'days',
          type: 'quantitative',
          title: 'Delayed days',
          scale: { domainMax: Math.ceil((top.days! * 1.12) / 50000) * 50000 },
          axis: {
            labelExpr: "datum.value === 0 ? '0' : format(datum.value / 1000, ',d') + 'k'",
            tickCount: 5,
          },
        },
      },
      layer: [
        { mark: { type: 'bar', color: PALETTE.darkBlue, height: { band: 0.7 } } },
        {
          mark: { type: 'text', align: 'left', dx: 3, fontSize: 9 },
          encoding: { text: { field: 'label' } },
        },
      ],
    },
    table: {
      caption: `Delayed-transfer days in England by reason for delay, ${year}`,
      columns: [
        { label: 'Reason for delay', numeric: false },
        { label: 'Delayed days', numeric: true },
      ],
      rows: [...shown, ...missing].map((v) => [
        v.reason,
        v.days === null ? 'not collected' : formatDays(v.days),
      ]),
    },
  };
}

export function responsibleByYear(valid: ValidDataset): ChartDef {
  const { england, years } = valid.dtoc;
  const parts = [
    { part: 'nhs', label: 'NHS' },
    { part: 'social-care', label: 'Social care' },
    { part: 'both', label: 'Both' },
  ] as const;
  const full = years.filter((y) => !y.partial);
  const values = full.flatMap((y) =>
    parts.map((p, order) => ({
      year: y.label,
      who: p.label,
      order,
      share: orgShare(england, y.label, p.part),
    })),
  );
  const sc = (year: string) =>
    values.find((v) => v.year === year && v.who === 'Social care')?.share ?? null;
  return {
    id: 'responsible-by-year',
    title:
      'Share of delayed-transfer days in England by the organisation responsible, by financial year',
    alt: `Stacked bar chart of the share of delayed days attributed to the NHS, to social care and to both, each financial year. Social care's share was ${formatPercent(sc('2014-15'))} in 2014-15 and ${formatPercent(sc('2015-16'))} in 2015-16, peaking at ${formatPercent(Math.max(...values.filter((v) => v.who === 'Social care').map((v) => v.share ?? 0)))}.`,
    sourceLine: NHSE_SOURCE_LINE,
    sourceIds: ['nhse-dtoc'],
    spec: {
      ...baseSpec(200),
      data: {
        values: values.map((v) => ({
          ...v,
          label: v.share === null ? '' : `${formatNumber(v.share, 0)}%`,
        })),
      },
      encoding: {
        x: FINANCIAL_YEAR_X,
        y: {
          field: 'share',
          type: 'quantitative',
          stack: 'zero',
          title: 'Share of delayed days (%)',
          scale: { domain: [0, 100] },
          axis: { tickCount: 5 },
        },
        order: { field: 'order', type: 'quantitative' },
      },
      layer: [
        {
          mark: { type: 'bar', width: { band: 0.7 } },
          encoding: {
            color: {
              field: 'who',
              type: 'nominal',
              title: null,
              scale: {
                domain: parts.map((p) => p.label),
                range: [PALETTE.darkBlue, PALETTE.orange, PALETTE.midGrey],
              },
            },
          },
        },
        {
          mark: { type: 'text', fontSize: 8.5, baseline: 'middle' },
          encoding: {
            color: {
              condition: { test: "datum.who === 'NHS'", value: 'white' },
              value: PALETTE.text,
            },
            y: { field: 'share', type: 'quantitative', stack: 'zero', bandPosition: 0.5 },
            text: { field: 'label' },
            opacity: { condition: { test: 'datum.share < 6', value: 0 }, value: 1 },
          },
        },
      ],
    },
    table: {
      caption: 'Share of delayed days by the organisation responsible (%)',
      columns: [
        { label: 'Financial year', numeric: false },
        ...parts.map((p) => ({ label: p.label, numeric: true })),
      ],
      rows: full.map((y) => [
        y.label,
        ...parts.map((p) =>
          formatPercent(values.find((v) => v.year === y.label && v.who === p.label)?.share ?? null),
        ),
      ]),
    },
  };
}

/**
 * The ids of the national charts, known before anything is rendered: validation checks each
 * {{chart "id"}} in the template against them. Each is the id of one chart `nationalCharts` makes.
 */
export const NATIONAL_CHART_IDS = [
  'planned-vs-actual',
  'days-by-year',
  'days-by-reason',
  'responsible-by-year',
] as const;

/** The charts of the national briefing, in the order they appear. */
export function nationalCharts(valid: ValidDataset): ChartDef[] {
  return [plannedVsActual(valid), daysByYear(valid), daysByReason(valid), responsibleByYear(valid)];
}
