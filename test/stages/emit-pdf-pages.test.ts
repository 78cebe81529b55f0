/**
 * The briefing PDF's pages as drawn: vector charts, the type sizes, aligned table numbers,
 * footers as artifacts, and a structure tree in the order of the page.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  imageObjects,
  pageDrawings,
  type PageDrawing,
  type TextShow,
} from '../helpers/pdf-content.ts';
import { MARGIN, PAGE } from '../../pipeline/pdf/style.ts';
import { pdfStructure, pdftotext, qpdfJson } from '../helpers/pdf-tools.ts';
import { pageWords, wordLines, type Word } from '../helpers/pdf-words.ts';

/** Below the content area: only the running footer is drawn there. */
const FOOTER_ZONE = MARGIN.bottom;

let file: string;
let pages: PageDrawing[];

const has = (show: TextShow, tag: RegExp) => show.marks.some((m) => tag.test(m.tag));

/** Glyphs shown at each size (rounded to 0.01 pt) by the shows that `keep`. */
function glyphsBySize(keep: (show: TextShow) => boolean): Map<number, number> {
  const sizes = new Map<number, number>();
  for (const show of pages.flatMap((p) => p.shows).filter(keep)) {
    const size = Math.round(show.size * 100) / 100;
    sizes.set(size, (sizes.get(size) ?? 0) + show.glyphs);
  }
  return sizes;
}

beforeAll(() => {
  file = join(inject('builtRoot'), 'out', 'bcf-briefing.pdf');
  pages = pageDrawings(file);
});

describe('the briefing PDF, page by page', () => {
  it('draws its four charts as vectors: figures with alt text, and no raster image anywhere', () => {
    const listed = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
    expect(listed.trim().split('\n').slice(2)).toEqual([]);
    expect(imageObjects(file)).toEqual([]);
    expect(pages.map((p) => p.inlineImages)).toEqual(pages.map(() => 0));
    const figures = Object.values(qpdfJson(file).qpdf[1])
      .map((o) => o.value)
      .filter((v) => v?.['/S'] === '/Figure');
    expect(figures.map((f) => String(f!['/Alt']).length > 40)).toEqual([true, true, true, true]);
    const drawn = pages.flatMap((p) => p.sequences).filter((s) => s.tag === 'Figure');
    expect(drawn).toHaveLength(4);
    // Each chart's bars, lines, axes and labels are paths and text inside its Figure.
    for (const chart of drawn) {
      expect(chart.paths).toBeGreaterThan(10);
      expect(chart.shows).toBeGreaterThan(10);
    }
  });

  it('sets most of its text at 10–11 pt, and its headings larger, H1 > H2 > H3', () => {
    const sizes = glyphsBySize((s) => !has(s, /^(Artifact|Figure)$/));
    const [body] = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
    expect(body).toBeGreaterThanOrEqual(10);
    expect(body).toBeLessThanOrEqual(11);
    const level = (n: number) => [...glyphsBySize((s) => has(s, new RegExp(`^H${n}$`))).keys()];
    const [h1, h2, h3] = [level(1), level(2), level(3)];
    for (const sizes of [h1, h2, h3]) expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...h3)).toBeGreaterThan(body);
    expect(Math.min(...h2)).toBeGreaterThan(Math.max(...h3));
    expect(Math.min(...h1)).toBeGreaterThan(Math.max(...h2));
  });

  it('aligns the right edges of the numbers in each column of the planned-and-actual table', () => {
    const lines = wordLines(pageWords(file)[0]!);
    const text = (line: Word[]) => line.map((w) => w.text).join(' ');
    const caption = lines.findIndex((l) => text(l).startsWith('Planned and actual change'));
    expect(text(lines[caption + 1] ?? [])).toMatch(/^Measure Planned change/);
    // The rows follow the header, up to the first line without figures (the source line).
    const numbers: Word[][] = [];
    for (const line of lines.slice(caption + 2)) {
      const cells = line.filter((w) => /^[−+-]?£?[\d,.]+(bn|m|%)?$/.test(w.text));
      if (cells.length === 0) break;
      numbers.push(cells);
    }
    expect(numbers.map((cells) => cells.length)).toEqual([4, 4]);
    for (let c = 0; c < 4; c++) {
      const edges = numbers.map((cells) => cells[c]!.xMax);
      expect(Math.max(...edges) - Math.min(...edges), `column ${c + 2}`).toBeLessThanOrEqual(0.5);
    }
  });

  it('draws "Page X of Y" footers as pagination artifacts, and no text outside marked content', () => {
    const words = pageWords(file);
    pages.forEach((page, i) => {
      const footers = page.sequences.filter(
        (s) => s.tag === 'Artifact' && JSON.stringify(s.props.Type) === '{"name":"Pagination"}',
      );
      expect(footers.length, `page ${i + 1}`).toBeGreaterThanOrEqual(1);
      expect(
        footers.reduce((n, s) => n + s.shows, 0),
        `page ${i + 1}`,
      ).toBeGreaterThanOrEqual(2);
      // Every piece of text is either content of a structure element (it has an MCID) or an artifact.
      for (const show of page.shows)
        expect(show.marks.some((m) => m.tag === 'Artifact' || 'MCID' in m.props)).toBe(true);
      const low = page.shows.filter((s) => s.y < FOOTER_ZONE);
      expect(low.length).toBeGreaterThanOrEqual(2);
      for (const show of low) expect(has(show, /^Artifact$/)).toBe(true);
      // …and the page number poppler reads is down there, in the footer.
      const label = words[i]!.findLast((w) => w.text === 'Page')!;
      expect(PAGE.height - label.yMax).toBeLessThan(FOOTER_ZONE);
    });
  });

  it('orders its headings in the structure tree as they appear on the pages', () => {
    const tree = pdfStructure(file).split('\n');
    const headings = tree.flatMap((line, i) => {
      const tag = /^(\s*)H[1-6] \(block\)$/.exec(line);
      if (!tag) return [];
      // Its text follows, one quoted line per printed line: the first identifies it on the page.
      const first = tree[i + 1] ?? '';
      return first.search(/\S/) > tag[1]!.length ? [first.trim().replace(/^"|"$/g, '')] : [];
    });
    expect(headings.length).toBeGreaterThanOrEqual(10);
    const printed = pdftotext(file)
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '));
    const at = new Map(headings.map((h) => [h, printed.indexOf(h)]));
    expect(headings.filter((h) => at.get(h) === -1)).toEqual([]);
    expect(new Set(at.values()).size).toBe(headings.length);
    expect(headings).toEqual([...headings].sort((a, b) => at.get(a)! - at.get(b)!));
  });
});
