/**
 * The briefing's typeface, Source Sans 3, shipped as npm packages (no system fonts): TrueType
 * files from `source-sans` for the PDF and for measuring chart text, and Latin-subset WOFF2 files
 * from `@fontsource/source-sans-3` for the HTML. Fonts are parsed once per process and shared.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

export const FONT_FAMILY = 'Source Sans 3';

export type FontStyle = 'regular' | 'italic' | 'semibold' | 'bold';

const TTF_FILES: Record<FontStyle, string> = {
  regular: 'SourceSans3-Regular.ttf',
  italic: 'SourceSans3-It.ttf',
  semibold: 'SourceSans3-Semibold.ttf',
  bold: 'SourceSans3-Bold.ttf',
};

/** Folder of the TrueType files (also given to fontconfig, so sharp draws PNGs with them). */
export const TTF_DIR = join(dirname(require.resolve('source-sans/package.json')), 'TTF');

const WOFF2_DIR = join(dirname(require.resolve('@fontsource/source-sans-3/package.json')), 'files');

/** WOFF2 files for the HTML, with the CSS weight and style each stands for. */
export const WEB_FONTS = [
  { file: join(WOFF2_DIR, 'source-sans-3-latin-400-normal.woff2'), weight: 400, style: 'normal' },
  { file: join(WOFF2_DIR, 'source-sans-3-latin-400-italic.woff2'), weight: 400, style: 'italic' },
  { file: join(WOFF2_DIR, 'source-sans-3-latin-600-normal.woff2'), weight: 600, style: 'normal' },
  { file: join(WOFF2_DIR, 'source-sans-3-latin-700-normal.woff2'), weight: 700, style: 'normal' },
] as const;

let loaded: Record<FontStyle, fontkit.Font> | undefined;

/**
 * Shaping a string (OpenType substitution and kerning) is the costly part of setting text, and a
 * briefing sets the same words many times, across many documents. This wrapper keeps each shaped
 * run and hands out a copy, because pdfkit scales a run's positions in place.
 */
const shapedRuns = new WeakMap<
  fontkit.Font,
  (text: string, features?: Features) => fontkit.GlyphRun
>();
type Features = string[] | Record<string, boolean>;

/** The memoised run of `text`, shared: read it, never change it. */
function shaped(font: fontkit.Font, text: string, features?: Features): fontkit.GlyphRun {
  return shapedRuns.get(font)!(text, features);
}

/**
 * Shaping cost grows with every glyph times every lookup in the font (about 0.3 ms for a code such
 * as "E10000029" in fontkit), and each area brings new strings: its name with punctuation, its
 * codes, its numbers. Most neighbouring characters do not interact at all: no ligature, contextual
 * substitution or kerning joins them. So a string is cut between every such pair, and its run is
 * the runs of the pieces (each shaped once and remembered) laid end to end. Whether a pair
 * interacts is itself shaped once: the pair together against its two characters apart. Only pairs
 * that interact ("ff", "Yo", "1,") stay together in one piece. test/fonts.test.ts checks the
 * composed runs against fontkit's own for every string a full build sets.
 */
function joinRuns(runs: fontkit.GlyphRun[]): fontkit.GlyphRun {
  return Object.assign(Object.create(Object.getPrototypeOf(runs[0])), runs[0], {
    glyphs: runs.flatMap((r) => r.glyphs),
    positions: runs.flatMap((r) => r.positions),
  }) as fontkit.GlyphRun;
}

/** Glyph ids and positions of two runs are the same. */
function sameRun(a: fontkit.GlyphRun, b: fontkit.GlyphRun): boolean {
  if (a.glyphs.length !== b.glyphs.length) return false;
  for (let i = 0; i < a.glyphs.length; i++) {
    const p = a.positions[i]!;
    const q = b.positions[i]!;
    if (
      a.glyphs[i]!.id !== b.glyphs[i]!.id ||
      p.xAdvance !== q.xAdvance ||
      p.yAdvance !== q.yAdvance ||
      p.xOffset !== q.xOffset ||
      p.yOffset !== q.yOffset
    )
      return false;
  }
  return true;
}

function memoiseLayout(font: fontkit.Font): fontkit.Font {
  const runs = new Map<string, fontkit.GlyphRun>();
  const apart = new Map<string, boolean>();
  const featureKey = (features?: Features) =>
    Array.isArray(features) ? features.join(',') : JSON.stringify(features ?? '');
  /** fontkit's own run of `text`, remembered. */
  const whole = (text: string, features: Features | undefined, fk: string): fontkit.GlyphRun => {
    const key = `${fk}\u0000${text}`;
    let run = runs.get(key);
    if (!run) {
      run = font.layout(text, features);
      if (runs.size > 20_000) runs.clear();
      runs.set(key, run);
    }
    return run;
  };
  /** Pieces `a` and `b` shape the same together as apart. */
  const independent = (a: string, b: string, features: Features | undefined, fk: string) => {
    const key = `${fk}\u0000${a}\u0001${b}`;
    let result = apart.get(key);
    if (result === undefined) {
      const together = whole(a + b, features, fk);
      result = sameRun(together, joinRuns([whole(a, features, fk), whole(b, features, fk)]));
      if (apart.size > 20_000) apart.clear();
      apart.set(key, result);
    }
    return result;
  };
  const shape = (text: string, features?: Features): fontkit.GlyphRun => {
    const fk = featureKey(features);
    const key = `${fk}\u0000${text}`;
    let run = runs.get(key);
    if (run) return run;
    // Add a character at a time; a piece that interacts with the one before joins it, and so on
    // back, so every cut left in the string is between two pieces shown to be independent.
    const pieces: string[] = [];
    for (const char of text) {
      pieces.push(char);
      while (pieces.length > 1 && !independent(pieces.at(-2)!, pieces.at(-1)!, features, fk)) {
        const last = pieces.pop()!;
        pieces[pieces.length - 1] += last;
      }
    }
    run =
      pieces.length === 1
        ? whole(text, features, fk)
        : joinRuns(pieces.map((p) => whole(p, features, fk)));
    if (runs.size > 20_000) runs.clear();
    runs.set(key, run);
    return run;
  };
  const layout = (text: string, features?: Features): fontkit.GlyphRun => {
    const run = shape(text, features);
    const copy = Object.assign(Object.create(Object.getPrototypeOf(run)), run) as fontkit.GlyphRun;
    copy.positions = run.positions.map((p) =>
      Object.assign(Object.create(Object.getPrototypeOf(p)), p),
    );
    return copy;
  };
  // Everything else (glyphs, tables, subsetting) is the shared font's own.
  const memoised = Object.assign(Object.create(font), { layout }) as fontkit.Font;
  shapedRuns.set(memoised, shape);
  return memoised;
}

/** The parsed fonts, loaded on first use and kept for the life of the process (or worker). */
export function fonts(): Record<FontStyle, fontkit.Font> {
  loaded ??= Object.fromEntries(
    Object.entries(TTF_FILES).map(([style, file]) => [
      style,
      memoiseLayout(fontkit.openSync(join(TTF_DIR, file)) as fontkit.Font),
    ]),
  ) as Record<FontStyle, fontkit.Font>;
  return loaded;
}

/** The style used for a CSS-like weight and slant (as vega describes text). */
export function styleFor(weight: string | number | undefined, italic: boolean): FontStyle {
  const numeric = weight === 'bold' ? 700 : Number(weight ?? 400) || 400;
  if (numeric >= 700) return 'bold';
  if (numeric >= 600) return 'semibold';
  return italic ? 'italic' : 'regular';
}

const widthCache = new Map<string, number>();

/** Advance width of `text` in points, measured with the real font (and its kerning). */
export function textWidth(
  text: string,
  style: FontStyle,
  size: number,
  features?: string[],
): number {
  const key = `${style}\u0000${features?.join(',') ?? ''}\u0000${text}`;
  let units = widthCache.get(key);
  if (units === undefined) {
    const font = fonts()[style];
    units = shaped(font, text, features).advanceWidth / font.unitsPerEm;
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(key, units);
  }
  return units * size;
}

let webCss: string | undefined;

/** @font-face rules with the WOFF2 files inlined, so the HTML needs nothing from the network. */
export function webFontCss(): string {
  webCss ??= WEB_FONTS.map(
    (f) =>
      `@font-face{font-family:"${FONT_FAMILY}";font-style:${f.style};font-weight:${f.weight};font-display:swap;` +
      `src:url(data:font/woff2;base64,${readFileSync(f.file).toString('base64')}) format("woff2");}`,
  ).join('\n');
  return webCss;
}
