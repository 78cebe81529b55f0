/** Page geometry and the type scale of the PDF (points). */
import type { FontStyle } from '../fonts.ts';

export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 60, bottom: 66, left: 57, right: 57 } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const CONTENT_BOTTOM = PAGE.height - MARGIN.bottom;

export const COLOURS = {
  text: '#0B0C0C',
  muted: '#3D3D3D',
  accent: '#12436D',
  link: '#1D4F91',
  rule: '#B1B4B6',
  panel: '#F3F2F1',
  highlight: '#F46A25',
} as const;

export interface TextStyle {
  font: FontStyle;
  size: number;
  leading: number;
  colour: string;
  /** Tabular figures, for columns of numbers. */
  tnum?: boolean;
}

const style = (
  font: FontStyle,
  size: number,
  leading: number,
  colour: string = COLOURS.text,
): TextStyle => ({ font, size, leading, colour });

export const TYPE = {
  body: style('regular', 10.5, 15),
  lead: style('regular', 13, 17.5, COLOURS.muted),
  small: style('regular', 9, 12.5, COLOURS.muted),
  meta: style('regular', 9.5, 13, COLOURS.muted),
  kicker: style('semibold', 9, 12, COLOURS.accent),
  h1: style('bold', 24, 28),
  h2: style('bold', 15, 19),
  h3: style('semibold', 12, 16),
  caption: style('semibold', 10, 13.5),
  source: style('regular', 8.5, 11.5, COLOURS.muted),
  quote: style('regular', 11, 15.5),
  attribution: style('regular', 9, 12.5, COLOURS.muted),
  table: { ...style('regular', 9.5, 12.5), tnum: true },
  tableHead: { ...style('semibold', 9.5, 12.5), tnum: true },
  statValue: style('bold', 18, 21, COLOURS.accent),
  statLabel: style('regular', 9, 12),
  sources: style('regular', 9, 12.5),
  footer: style('regular', 8.5, 11, COLOURS.muted),
} as const;

/** Vertical space before each kind of block. */
export const SPACE = {
  paragraph: 7,
  h2: 20,
  h3: 12,
  list: 7,
  figure: 14,
  table: 12,
  quote: 10,
  box: 16,
  stats: 10,
  item: 4,
} as const;
