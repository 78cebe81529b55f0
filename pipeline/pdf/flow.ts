/**
 * Pagination. Blocks become flows of chunks (a line, a table row, a whole figure); chunks are
 * placed down the page and a page breaks only where allowed: never inside a figure or table that
 * fits on a page, never after a heading, never leaving one line of a paragraph alone at the foot
 * or head of a page, and never leaving the last page with a lone line.
 */
import type { Painter } from './paint.ts';

export interface Chunk {
  height: number;
  /** Lines of text in the chunk, for the lone-line rules. */
  lines: number;
  /** Draw with the chunk's top edge at `y`. */
  draw(painter: Painter, y: number): void;
}

export interface Flow {
  spaceBefore: number;
  chunks: Chunk[];
  /** Keep on the same page as the start of the next flow (headings). */
  keepWithNext?: boolean;
  /** Do not split, unless the flow is taller than a page. */
  together?: boolean;
  /** Chunks are single lines of one paragraph: keep at least two together at each side of a break. */
  lines?: boolean;
}

export interface Placed {
  chunk: Chunk;
  y: number;
}

interface Item {
  chunk: Chunk;
  space: number;
  /** May a page break come just before this chunk? */
  breakable: boolean;
}

const MIN_LINES = 2;
const MIN_LAST_PAGE_LINES = 3;

function items(flows: Flow[], pageHeight: number): Item[] {
  const out: Item[] = [];
  flows.forEach((flow, f) => {
    const n = flow.chunks.length;
    // A flow taller than a page cannot be kept together: let it start where it is and split.
    const together = flow.together && flow.chunks.reduce((h, c) => h + c.height, 0) <= pageHeight;
    flow.chunks.forEach((chunk, i) => {
      let breakable: boolean;
      if (i === 0) breakable = f > 0 && !flows[f - 1]!.keepWithNext;
      else if (together) breakable = false;
      else if (flow.lines) breakable = i >= MIN_LINES && n - i >= MIN_LINES;
      else breakable = true;
      out.push({ chunk, space: i === 0 ? flow.spaceBefore : 0, breakable });
    });
  });
  return out;
}

function place(
  list: Item[],
  top: number,
  bottom: number,
  forced: Set<number>,
): { pages: Placed[][]; starts: number[] } {
  const pages: Placed[][] = [];
  const starts: number[] = [];
  let page: Placed[] = [];
  let y = top;
  let start = 0;
  let j = 0;
  const newPage = (from: number) => {
    if (page.length) pages.push(page);
    page = [];
    y = top;
    start = from;
    starts.push(from);
  };
  newPage(0);
  while (j < list.length) {
    const item = list[j]!;
    const atTop = page.length === 0;
    if (!atTop && forced.has(j)) {
      newPage(j);
      continue;
    }
    const space = atTop ? 0 : item.space;
    if (!atTop && y + space + item.chunk.height > bottom) {
      // Break at the latest allowed point on this page; if none, break here.
      let b = j;
      while (b > start && !list[b]!.breakable) b--;
      if (b === start) b = j;
      page = page.slice(0, b - start);
      newPage(b);
      j = b;
      continue;
    }
    y += space;
    page.push({ chunk: item.chunk, y });
    y += item.chunk.height;
    j++;
  }
  if (page.length) pages.push(page);
  return { pages, starts };
}

export function paginate(flows: Flow[], top: number, bottom: number): Placed[][] {
  const list = items(flows, bottom - top);
  const forced = new Set<number>();
  for (;;) {
    const { pages, starts } = place(list, top, bottom, forced);
    const last = pages.at(-1) ?? [];
    const lastLines = last.reduce((sum, p) => sum + p.chunk.lines, 0);
    if (pages.length < 2 || lastLines >= MIN_LAST_PAGE_LINES) return pages;
    // Pull the last page's start back to an earlier allowed break so it holds more than a lone line.
    let b = starts[pages.length - 1]! - 1;
    while (b > starts[pages.length - 2]! && !list[b]!.breakable) b--;
    if (b <= starts[pages.length - 2]! || forced.has(b)) return pages;
    forced.add(b);
  }
}
