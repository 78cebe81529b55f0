/**
 * The look of every chart: Source Sans 3, the Government Analysis Function's accessible colour
 * palette (each colour at least 3:1 against white), quiet grids and no chart border.
 */
import { FONT_FAMILY } from '../fonts.ts';

export const PALETTE = {
  darkBlue: '#12436D',
  turquoise: '#28A197',
  darkPink: '#801650',
  orange: '#F46A25',
  darkGrey: '#3D3D3D',
  purple: '#A285D1',
  /** For context bars next to a highlighted one; 3.0:1 against white. */
  midGrey: '#8C8C8C',
  text: '#0B0C0C',
  grid: '#E1E1E1',
} as const;

/** Width of the text column in the PDF, in points; charts are drawn at this size. */
export const CHART_WIDTH = 480;

export const CHART_CONFIG = {
  font: FONT_FAMILY,
  aria: false,
  background: 'white',
  padding: { left: 4, right: 8, top: 6, bottom: 4 },
  view: { stroke: null },
  axis: {
    labelFontSize: 9,
    titleFontSize: 9.5,
    titleFontWeight: 600,
    labelColor: PALETTE.text,
    titleColor: PALETTE.text,
    gridColor: PALETTE.grid,
    domainColor: '#6F777B',
    tickColor: '#6F777B',
    labelPadding: 3,
  },
  legend: {
    labelFontSize: 9,
    titleFontSize: 9.5,
    titleFontWeight: 600,
    labelColor: PALETTE.text,
    titleColor: PALETTE.text,
    orient: 'top',
    symbolType: 'square',
  },
  header: {
    labelFontSize: 9.5,
    labelFontWeight: 600,
    labelColor: PALETTE.text,
    titleFontSize: 9.5,
  },
  text: { fontSize: 9, color: PALETTE.text },
  bar: { color: PALETTE.darkBlue },
  line: { color: PALETTE.darkBlue, strokeWidth: 2 },
} as const;

/** The fields every spec shares. */
export function baseSpec(height: number): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    config: CHART_CONFIG,
  };
}

export interface Padding {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * A spec with its layout fixed rather than fitted: the plot area and the room around it for axes
 * and legends are given, so every briefing's chart of one kind lines up the same, and a view can
 * be reused from one briefing to the next without its layout depending on the one before.
 */
export function fixedSpec(plotHeight: number, padding: Padding): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH - padding.left - padding.right,
    height: plotHeight,
    autosize: 'none',
    padding,
    config: CHART_CONFIG,
  };
}

/** The x encoding of a chart by financial year. */
export const FINANCIAL_YEAR_X = {
  field: 'year',
  type: 'ordinal',
  title: 'Financial year (April to March)',
  axis: { labelAngle: 0 },
} as const;

/** The y encoding of a bar chart by reason for delay, in the order the rows are given. */
export const REASON_Y = {
  field: 'reason',
  type: 'nominal',
  sort: null,
  title: null,
  axis: { ticks: false, domain: false },
} as const;
