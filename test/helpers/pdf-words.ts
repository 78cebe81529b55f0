/** The words poppler reads on each page of a PDF, with their boxes (`pdftotext -bbox`). */
import { run } from './pdf-content.ts';

/** A word's box in points, measured from the top-left corner of its page. */
export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const WORD =
  /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;

/** The words of each page, in poppler's reading order. */
export function pageWords(file: string): Word[][] {
  return run('pdftotext', ['-bbox', file, '-'])
    .split('<page ')
    .slice(1)
    .map((page) =>
      [...page.matchAll(WORD)].map((m) => ({
        text: m[5]!.replace(/&(\w+);/g, (entity, name: string) => ENTITIES[name] ?? entity),
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
      })),
    );
}

/** Lines of words: the words of `page` grouped by the top of their box, top to bottom. */
export function wordLines(page: Word[]): Word[][] {
  const lines = new Map<number, Word[]>();
  for (const w of page) lines.set(w.yMin, [...(lines.get(w.yMin) ?? []), w]);
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, words]) => words);
}
