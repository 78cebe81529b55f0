import { describe, expect, it } from 'vitest';
import { paginate, type Chunk, type Flow } from '../../pipeline/pdf/flow.ts';

const line = (): Chunk => ({ height: 10, lines: 1, draw: () => undefined });
const para = (n: number, space = 0): Flow => ({
  spaceBefore: space,
  lines: true,
  chunks: Array.from({ length: n }, line),
});
const block = (height: number, extra: Partial<Flow> = {}): Flow => ({
  spaceBefore: 0,
  together: true,
  chunks: [{ height, lines: 3, draw: () => undefined }],
  ...extra,
});
const counts = (pages: ReturnType<typeof paginate>) => pages.map((p) => p.length);

// A page holds 10 lines of 10 points.
const TOP = 0;
const BOTTOM = 100;

describe('pagination', () => {
  it('fills a page, then breaks', () => {
    expect(counts(paginate([para(14)], TOP, BOTTOM))).toEqual([10, 4]);
  });

  it('never leaves a single line of a paragraph at the foot of a page', () => {
    // 9 lines fill the page but one; a 5-line paragraph must not start with 1 line there.
    const pages = paginate([para(9), para(5)], TOP, BOTTOM);
    expect(counts(pages)).toEqual([9, 5]);
  });

  it('never leaves a single line at the head of the next page', () => {
    // 11 lines: 10 would fit, leaving 1 alone; break after 9 instead.
    expect(counts(paginate([para(11), para(3)], TOP, BOTTOM))).toEqual([9, 5]);
  });

  it('keeps a heading with what follows it', () => {
    const heading = block(10, { keepWithNext: true });
    const pages = paginate([para(8), heading, block(30)], TOP, BOTTOM);
    expect(counts(pages)).toEqual([8, 2]);
  });

  it('moves a figure that does not fit to the next page, whole', () => {
    const pages = paginate([para(6), block(50)], TOP, BOTTOM);
    expect(counts(pages)).toEqual([6, 1]);
    expect(pages[1]![0]!.y).toBe(TOP);
  });

  it('drops the space above a block at the top of a page', () => {
    const pages = paginate([para(10), para(2, 7)], TOP, BOTTOM);
    expect(pages[1]![0]!.y).toBe(TOP);
  });

  it('does not end with a page holding a lone line', () => {
    const pages = paginate(
      [para(4), block(50), { spaceBefore: 0, chunks: [line(), line()] }],
      TOP,
      BOTTOM,
    );
    // 4 + 50 = 90, then two separately breakable lines: one would fit on page one, one alone on page two.
    const lastLines = pages.at(-1)!.reduce((s, p) => s + p.chunk.lines, 0);
    expect(lastLines).toBeGreaterThanOrEqual(2);
    expect(pages.every((p) => p.length > 0)).toBe(true);
  });

  it('splits a flow taller than a page rather than looping', () => {
    expect(
      counts(
        paginate(
          [block(10), { spaceBefore: 0, together: true, chunks: Array.from({ length: 15 }, line) }],
          TOP,
          BOTTOM,
        ),
      ),
    ).toEqual([10, 6]);
  });
});
