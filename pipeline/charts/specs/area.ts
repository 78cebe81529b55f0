/**
 * The four charts of an area briefing. Each spec is the same for every area: its layout is fixed
 * from the largest values among all areas (so no label is clipped and every briefing's charts
 * line up), and it reads its rows from the named dataset "table", so a worker builds each view
 * once and only swaps the data.
 */
import { formatDays, formatNumber, formatPercent } from '../../domain/format.ts';
import { monthLabel, type Month } from '../../domain/periods.ts';
import { textWidth } from '../../fonts.ts';
import type { AreaDistribution, AreaModel, ChartDef } from '../../types.ts';
import { fixedSpec, PALETTE, REASON_Y, type Padding } from '../theme.ts';
import { NHSE_SOURCE_SHORT } from './source-line.ts';

const TABLE = { name: 'table' };
const AREA_COLOUR = PALETTE.darkBlue;
const ENGLAND_COLOUR = PALETTE.midGrey;
const SERIES = ['Each month', '12-month average'];
const WHO = ['This area', 'England'];
const ORG_LABELS = [
  ['nhs', 'NHS'],
  ['socialCare', 'Social care'],
  ['both', 'Both'],
] as const;

/** The largest tick label a "nice" axis up to `max` can show: 9,287 → "10,000". */
function widestLabel(max: number): string {
  const step = 10 ** Math.floor(Math.log10(Math.max(max, 1)));
  return formatNumber(Math.ceil(max / step) * step);
}

/** Room left of the plot for a numeric axis: labels, ticks and a rotated title, with a margin. */
const numericAxis = (max: number): number =>
  Math.ceil(textWidth(widestLabel(max), 'regular', 9) + 30);
/** Room for a category axis without ticks: the longest label and a margin. */
const labelAxis = (labels: string[]): number =>
  Math.ceil(Math.max(...labels.map((l) => textWidth(l, 'regular', 9))) + 12);

const LEGEND_TOP = 24;
const X_AXIS = 22;
const X_AXIS_TITLED = 38;

export interface AreaLayouts {
  monthly: Padding;
  reasons: Padding;
  responsible: Padding;
  position: Padding;
}

/** Every area chart's padding, from the largest values any area has. */
export function areaLayouts(all: AreaDistribution): AreaLayouts {
  return {
    monthly: { left: numericAxis(all.maxMonthly), right: 10, top: LEGEND_TOP, bottom: X_AXIS },
    reasons: {
      left: labelAxis(all.reasonLabels),
      right: 10,
      top: LEGEND_TOP,
      bottom: X_AXIS_TITLED,
    },
    responsible: { left: numericAxis(all.maxYear), right: 10, top: LEGEND_TOP, bottom: X_AXIS },
    position: { left: numericAxis(999), right: 10, top: 30, bottom: X_AXIS_TITLED },
  };
}

const legend = { orient: 'top', direction: 'horizontal', offset: 6 };

/** One spec object per layout, so a worker's cache sees the same spec for every area. */
const specs = new Map<string, Record<string, unknown>>();
function memo(
  kind: string,
  padding: Padding,
  build: () => Record<string, unknown>,
): Record<string, unknown> {
  const key = `${kind}:${JSON.stringify(padding)}`;
  let spec = specs.get(key);
  if (!spec) specs.set(key, (spec = build()));
  return spec;
}

function monthlySpec(p: Padding): Record<string, unknown> {
  return memo('monthly', p, () => ({
    ...fixedSpec(58, p),
    data: TABLE,
    encoding: {
      x: {
        field: 'date',
        type: 'temporal',
        title: null,
        axis: { format: '%Y', tickCount: 8, labelAngle: 0 },
      },
      y: {
        field: 'days',
        type: 'quantitative',
        title: 'Delayed days a month',
        axis: { tickCount: 4 },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: SERIES, range: ['#7F9CC0', AREA_COLOUR] },
        legend: { ...legend, symbolType: 'stroke', symbolStrokeWidth: 2.5 },
      },
    },
    layer: SERIES.map((series, i) => ({
      transform: [{ filter: { field: 'series', equal: series } }],
      mark: { type: 'line', strokeWidth: i === 0 ? 1 : 2.5, invalid: 'break-paths-show-domains' },
    })),
  }));
}

export function monthlyChart(m: AreaModel, p: Padding): ChartDef {
  const rows = m.monthly.flatMap((q) => [
    {
      date: Date.UTC(Number(q.month.slice(0, 4)), Number(q.month.slice(5)) - 1, 1),
      series: SERIES[0],
      days: q.days,
    },
    {
      date: Date.UTC(Number(q.month.slice(0, 4)), Number(q.month.slice(5)) - 1, 1),
      series: SERIES[1],
      days: q.rolling,
    },
  ]);
  const known = m.monthly.filter((q) => q.days !== null);
  const peak = known.reduce(
    (a, b) => (b.days! > a.days! ? b : a),
    known[0] ?? { month: m.period.first, days: null },
  );
  const first = monthLabel(m.period.first as Month);
  const last = monthLabel(m.period.last as Month);
  return {
    id: 'monthly',
    title: `Delayed days each month in ${m.name}, ${first} to ${last}`,
    alt: `Line chart of delayed days each month in ${m.name}. The highest month was ${monthLabel(peak.month as Month)} with ${formatDays(peak.days)} days; the latest, ${last}, had ${formatDays(m.monthly.at(-1)?.days ?? null)}.`,
    sourceLine: NHSE_SOURCE_SHORT,
    sourceIds: ['nhse-dtoc'],
    spec: monthlySpec(p),
    rows,
    table: {
      caption: `Delayed days each month in ${m.name}`,
      columns: [
        { label: 'Month', numeric: false },
        { label: 'Delayed days', numeric: true },
        { label: '12-month average', numeric: true },
      ],
      rows: m.monthly.map((q) => [
        monthLabel(q.month as Month),
        formatDays(q.days),
        q.rolling === null ? 'not available' : formatNumber(q.rolling, 0),
      ]),
    },
  };
}

function reasonsSpec(p: Padding): Record<string, unknown> {
  return memo('reasons', p, () => ({
    ...fixedSpec(150, p),
    data: TABLE,
    mark: { type: 'bar', height: { band: 0.85 } },
    encoding: {
      y: REASON_Y,
      yOffset: { field: 'who', type: 'nominal', sort: WHO },
      x: {
        field: 'share',
        type: 'quantitative',
        title: 'Share of delayed days (%)',
        axis: { tickCount: 5 },
      },
      color: {
        field: 'who',
        type: 'nominal',
        title: null,
        scale: { domain: WHO, range: [AREA_COLOUR, ENGLAND_COLOUR] },
        legend,
      },
    },
  }));
}

export function reasonsChart(m: AreaModel, p: Padding): ChartDef {
  const shown = m.reasons.filter((r) => r.area !== null || r.england !== null);
  const rows = shown.flatMap((r) => [
    { reason: r.label, who: WHO[0], share: r.area },
    { reason: r.label, who: WHO[1], share: r.england },
  ]);
  const top = [...shown].filter((r) => r.area !== null).sort((a, b) => b.area! - a.area!)[0];
  return {
    id: 'reasons',
    title: `Reasons for delay in ${m.name} (this area) and England, ${m.latest.year}, as shares of delayed days`,
    alt: `Bar chart comparing the reasons for delay in ${m.name} with England in ${m.latest.year}.${top ? ` The largest reason in ${m.name} was ${top.label.toLowerCase()}, ${formatPercent(top.area)} of delayed days, against ${formatPercent(top.england)} in England.` : ''}`,
    sourceLine: NHSE_SOURCE_SHORT,
    sourceIds: ['nhse-dtoc'],
    spec: reasonsSpec(p),
    rows,
    table: {
      caption: `Share of delayed days by reason, ${m.latest.year} (%)`,
      columns: [
        { label: 'Reason for delay', numeric: false },
        { label: m.name, numeric: true },
        { label: 'England', numeric: true },
      ],
      rows: m.reasons.map((r) => [r.label, formatPercent(r.area), formatPercent(r.england)]),
    },
  };
}

function responsibleSpec(p: Padding): Record<string, unknown> {
  return memo('responsible', p, () => ({
    ...fixedSpec(84, p),
    data: TABLE,
    mark: { type: 'bar', width: { band: 0.7 } },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: null, axis: { labelAngle: 0 } },
      y: {
        field: 'days',
        type: 'quantitative',
        stack: 'zero',
        title: 'Delayed days',
        axis: { tickCount: 4 },
      },
      color: {
        field: 'who',
        type: 'nominal',
        title: null,
        scale: {
          domain: ORG_LABELS.map((o) => o[1]),
          range: [PALETTE.darkBlue, PALETTE.orange, PALETTE.midGrey],
        },
        legend,
      },
      order: { field: 'order', type: 'quantitative' },
    },
  }));
}

export function responsibleChart(m: AreaModel, p: Padding): ChartDef {
  const rows = m.orgByYear.flatMap((y) =>
    ORG_LABELS.map(([key, label], order) => ({ year: y.year, who: label, order, days: y[key] })),
  );
  const last = m.orgByYear.at(-1);
  return {
    id: 'responsible',
    title: `Delayed days in ${m.name} by the organisation responsible, by financial year`,
    alt: `Stacked bar chart of delayed days in ${m.name} each financial year, split between the NHS, social care and both.${last ? ` In ${last.year}: NHS ${formatDays(last.nhs)}, social care ${formatDays(last.socialCare)}, both ${formatDays(last.both)}.` : ''}`,
    sourceLine: NHSE_SOURCE_SHORT,
    sourceIds: ['nhse-dtoc'],
    spec: responsibleSpec(p),
    rows,
    table: {
      caption: `Delayed days by organisation responsible, ${m.name}`,
      columns: [
        { label: 'Financial year', numeric: false },
        ...ORG_LABELS.map(([, label]) => ({ label, numeric: true })),
      ],
      rows: m.orgByYear.map((y) => [
        y.year,
        formatDays(y.nhs),
        formatDays(y.socialCare),
        formatDays(y.both),
      ]),
    },
  };
}

/** Width of the bins, in percentage points of change. */
export const BIN_WIDTH = 10;

/**
 * How many areas fall in each 10-point band of change. Every area's chart shows the same bands,
 * so its cost does not grow with the number of areas (a dot per area would make a batch of n
 * briefings cost n²).
 */
export function changeBins(all: AreaDistribution): { start: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const a of all.areas) {
    if (a.changePct === null) continue;
    const start = Math.floor(a.changePct / BIN_WIDTH) * BIN_WIDTH;
    counts.set(start, (counts.get(start) ?? 0) + 1);
  }
  const starts = [...counts.keys()];
  const low = starts.reduce((x, y) => Math.min(x, y), 0);
  const high = starts.reduce((x, y) => Math.max(x, y), 0);
  const bins: { start: number; count: number }[] = [];
  for (let start = low; start <= high; start += BIN_WIDTH)
    bins.push({ start, count: counts.get(start) ?? 0 });
  return bins;
}

function positionSpec(
  p: Padding,
  all: AreaDistribution,
  bins: { start: number; count: number }[],
): Record<string, unknown> {
  const domain = [bins[0]!.start, bins.at(-1)!.start + BIN_WIDTH];
  const most = bins.reduce((x, b) => Math.max(x, b.count), 0);
  return memo(`position-${all.year}-${domain.join(',')}-${most}`, p, () => ({
    ...fixedSpec(36, p),
    data: TABLE,
    encoding: {
      x: {
        field: 'start',
        type: 'quantitative',
        title: `Change in delayed days, ${all.year} on the year before (%)`,
        scale: { domain, nice: false },
        axis: { tickCount: 8 },
      },
    },
    layer: [
      {
        transform: [{ filter: 'datum.kind === "bin"' }],
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x2: { field: 'end' },
          y2: { datum: 0 },
          y: {
            field: 'count',
            type: 'quantitative',
            title: 'Areas',
            scale: { domain: [0, Math.ceil(most * 1.25)] },
            axis: { tickCount: 3 },
          },
          color: {
            field: 'here',
            type: 'nominal',
            scale: { domain: [false, true], range: [PALETTE.midGrey, PALETTE.orange] },
            legend: null,
          },
        },
      },
      {
        transform: [{ filter: 'datum.kind === "england"' }],
        mark: { type: 'rule', color: PALETTE.darkGrey, strokeDash: [3, 2] },
      },
      {
        // Labels sit above the plot, in two rows, so they never cover a bar or each other.
        transform: [{ filter: 'datum.kind === "england"' }],
        mark: { type: 'text', y: -3, baseline: 'bottom', align: 'left', dx: 3, fontSize: 8.5 },
        encoding: { text: { field: 'label' } },
      },
      {
        transform: [{ filter: 'datum.kind === "this"' }],
        mark: { type: 'rule', y: -14, y2: 0, color: PALETTE.orange, strokeWidth: 1.5 },
      },
      {
        transform: [{ filter: 'datum.kind === "this"' }],
        mark: {
          type: 'text',
          y: -15,
          baseline: 'bottom',
          fontSize: 9,
          fontWeight: 600,
          dx: { expr: "datum.side === 'left' ? -3 : 3" },
          align: { expr: "datum.side === 'left' ? 'right' : 'left'" },
        },
        encoding: { text: { field: 'label' } },
      },
    ],
  }));
}

export function positionChart(m: AreaModel, all: AreaDistribution, p: Padding): ChartDef {
  const bins = changeBins(all);
  const known = all.areas.filter((a) => a.changePct !== null).length;
  const mine = m.bcf.changePct;
  const myBin = mine === null ? undefined : Math.floor(mine / BIN_WIDTH) * BIN_WIDTH;
  const middle = (bins[0]!.start + bins.at(-1)!.start) / 2;
  const rows = [
    ...bins.map((b) => ({
      kind: 'bin',
      start: b.start,
      end: b.start + BIN_WIDTH,
      count: b.count,
      here: b.start === myBin,
    })),
    ...(all.england === null
      ? []
      : [
          {
            kind: 'england',
            start: all.england,
            label: `England ${formatPercent(all.england, 1, true)}`,
          },
        ]),
    ...(mine === null
      ? []
      : [
          {
            kind: 'this',
            start: myBin! + BIN_WIDTH / 2,
            count: bins.find((b) => b.start === myBin)!.count,
            label: `${m.name} ${formatPercent(mine, 1, true)}`,
            side: mine > middle ? 'left' : 'right',
          },
        ]),
  ];
  const rank = m.bcf.rank;
  return {
    id: 'position',
    title: `Where ${m.name} sits among all ${known} areas: change in delayed days in ${all.year}`,
    alt:
      mine === null
        ? `Bar chart of how many areas had each change in delayed days in ${all.year}; the change for ${m.name} is not available.`
        : `Bar chart of how many of ${known} areas had each change in delayed days in ${all.year}, in bands of ${BIN_WIDTH} percentage points. ${m.name} changed by ${formatPercent(mine, 1, true)}${rank ? `, the ${ordinal(rank.position)} largest rise of ${rank.of}` : ''}; England by ${formatPercent(all.england, 1, true)}.`,
    sourceLine: NHSE_SOURCE_SHORT,
    sourceIds: ['nhse-dtoc'],
    spec: positionSpec(p, all, bins),
    rows,
    table: {
      caption: `Areas by change in delayed days, ${all.year} against the year before`,
      columns: [
        { label: 'Change', numeric: false },
        { label: 'Areas', numeric: true },
      ],
      rows: [
        ...bins.map((b) => [
          `${formatPercent(b.start, 0, true)} to ${formatPercent(b.start + BIN_WIDTH, 0, true)}${b.start === myBin ? ` (${m.name})` : ''}`,
          formatNumber(b.count),
        ]),
        ['England', formatPercent(all.england, 1, true)],
        ...(rank ? [[`Rank of ${m.name}`, `${ordinal(rank.position)} of ${rank.of}`]] : []),
      ],
    },
  };
}

/** 1 → "1st", 22 → "22nd", 113 → "113th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export function areaCharts(m: AreaModel, all: AreaDistribution): ChartDef[] {
  const layout = areaLayouts(all);
  return [
    monthlyChart(m, layout.monthly),
    reasonsChart(m, layout.reasons),
    responsibleChart(m, layout.responsible),
    positionChart(m, all, layout.position),
  ];
}
