/** What block layouts share: where they are on the page, their parent element, document state. */
import type { ChartImage } from '../types.ts';
import type { Line } from './inline.ts';
import type { Elem, Painter } from './paint.ts';
import type { TextStyle } from './style.ts';

/** A structure element made on first use, when drawing reaches it (so elements follow reading order). */
export type ElemRef = (painter: Painter) => Elem;

export interface LayoutContext {
  x: number;
  width: number;
  parent: ElemRef;
  charts: Map<string, ChartImage>;
  /** Outline (bookmarks) state shared across headings. */
  outline: { current?: PDFKit.PDFOutline };
}

/** Make `type` under `parent` on first call, and return the same element after. */
export function lazyElem(
  parent: ElemRef,
  type: string,
  options: Parameters<Painter['struct']>[2] = {},
): ElemRef {
  let elem: Elem | undefined;
  return (painter) => (elem ??= painter.struct(parent(painter), type, options));
}

/** Baseline of line `index` in a block of `style` whose top is at `top`. */
export function baseline(style: TextStyle, top: number, index: number): number {
  return top + index * style.leading + (style.leading - style.size) / 2 + style.size * 0.93;
}

/** Draw wrapped lines into `elem`, starting at `top`. */
export function drawLines(
  painter: Painter,
  elem: Elem,
  lines: Line[],
  style: TextStyle,
  x: number,
  top: number,
): void {
  lines.forEach((line, i) => painter.line(elem, line, x, baseline(style, top, i)));
}
