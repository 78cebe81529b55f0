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
import { positionChart } from './area-position.ts';
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
    // No y axis on the strip: only room for half the first and last tick label, and two rows of
    // labels above it.
    position: { left: 14, right: 12, top: 30, bottom: X_AXIS_TITLED },
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

/**
 * The monthly chart's alternative text. A suppressed ("-") month has no number, so its sentence
 * says the value was not available rather than "had not available".
 */
export function monthlyAlt(
  name: string,
  monthly: readonly { month: string; days: number | null }[],
  last: string,
): string {
  const known = monthly.filter((q): q is { month: string; days: number } => q.days !== null);
  const peak = known.reduce<(typeof known)[number] | undefined>(
    (a, b) => (a === undefined || b.days > a.days ? b : a),
    undefined,
  );
  const highest = peak
    ? `The highest month was ${monthLabel(peak.month as Month)} with ${formatDays(peak.days)} days`
    : 'No month has a value available';
  const latest = monthly.at(-1)?.days ?? null;
  const end =
    latest === null
      ? `the value for the latest month, ${last}, was not available`
      : `the latest, ${last}, had ${formatDays(latest)}`;
  return `Line chart of delayed days each month in ${name}. ${highest}; ${end}.`;
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
  const first = monthLabel(m.period.first as Month);
  const last = monthLabel(m.period.last as Month);
  return {
    id: 'monthly',
    title: `Delayed days each month in ${m.name}, ${first} to ${last}`,
    alt: monthlyAlt(m.name, m.monthly, last),
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

export function areaCharts(m: AreaModel, all: AreaDistribution): ChartDef[] {
  const layout = areaLayouts(all);
  return [
    monthlyChart(m, layout.monthly),
    reasonsChart(m, layout.reasons),
    responsibleChart(m, layout.responsible),
    positionChart(m, all, layout.position),
  ];
}
