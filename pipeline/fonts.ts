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

/** The memoised run of `text`, shared: read it, never change it. */
function shaped(font: fontkit.Font, text: string, features?: Features): fontkit.GlyphRun {
  return shapedRuns.get(font)!(text, features);
}

/**
 * Shaping cost grows with every glyph times every lookup in the font (about 0.3 ms for a code such
 * as "E10000029" in fontkit), and each area brings new strings: its name with punctuation, its
 * codes, its numbers. Most neighbouring characters interact at most by kerning: a pair adjustment
 * of the glyphs either side, with no ligature or contextual substitution joining them. So a string
 * is cut between every such pair, and its run is the runs of the pieces (each shaped once and
 * remembered) laid end to end, with each cut's kerning added back. What a cut does is itself found
 * once by shaping: the pair together against its two pieces apart. Pairs that interact any other
 * way ("ff", a ligature) stay together in one piece. test/fonts.test.ts checks the composed runs
 * against fontkit's own for every string a full build sets.
 */
type Features = string[] | Record<string, boolean>;
type Position = fontkit.GlyphRun['positions'][number];
/** A change to a glyph's position: x and y advance, x and y offset. */
type Shift = [number, number, number, number];
/** What shaping two pieces together changes at the cut: the glyph before it, the glyph after it. */
interface Cut {
  left: Shift | undefined;
  right: Shift | undefined;
}
/** The two pieces interact across the cut by more than kerning: keep them as one piece. */
const JOIN = 'join';

function joinRuns(runs: fontkit.GlyphRun[], positions: Position[]): fontkit.GlyphRun {
  return Object.assign(Object.create(Object.getPrototypeOf(runs[0])), runs[0], {
    glyphs: runs.flatMap((r) => r.glyphs),
    positions,
  }) as fontkit.GlyphRun;
}

/** How `together` differs from `apart` at one glyph, or undefined if it does not. */
function shiftBetween(together: Position, apart: Position): Shift | undefined {
  const shift: Shift = [
    together.xAdvance - apart.xAdvance,
    together.yAdvance - apart.yAdvance,
    together.xOffset - apart.xOffset,
    together.yOffset - apart.yOffset,
  ];
  return shift.some((d) => d !== 0) ? shift : undefined;
}

const samePosition = (p: Position, q: Position) =>
  p.xAdvance === q.xAdvance &&
  p.yAdvance === q.yAdvance &&
  p.xOffset === q.xOffset &&
  p.yOffset === q.yOffset;

/**
 * What shaping `a` and `b` together does at the cut between them, given the three runs: JOIN
 * unless the glyphs are the same as apart, and only the two glyphs at the cut moved.
 */
function cutBetween(
  together: fontkit.GlyphRun,
  a: fontkit.GlyphRun,
  b: fontkit.GlyphRun,
): Cut | typeof JOIN {
  const n = a.glyphs.length;
  if (together.glyphs.length !== n + b.glyphs.length) return JOIN;
  for (let i = 0; i < together.glyphs.length; i++) {
    const apart = i < n ? a : b;
    const j = i < n ? i : i - n;
    if (together.glyphs[i]!.id !== apart.glyphs[j]!.id) return JOIN;
    if (i !== n - 1 && i !== n && !samePosition(together.positions[i]!, apart.positions[j]!))
      return JOIN;
  }
  return {
    left: shiftBetween(together.positions[n - 1]!, a.positions[n - 1]!),
    right: shiftBetween(together.positions[n]!, b.positions[0]!),
  };
}

/** A copy of `p` moved by `shift`. */
function shifted(p: Position, [xAdvance, yAdvance, xOffset, yOffset]: Shift): Position {
  return Object.assign(Object.create(Object.getPrototypeOf(p)), p, {
    xAdvance: p.xAdvance + xAdvance,
    yAdvance: p.yAdvance + yAdvance,
    xOffset: p.xOffset + xOffset,
    yOffset: p.yOffset + yOffset,
  }) as Position;
}

/** Maps of `V` by text, one per feature set, each emptied when it grows past `limit`. */
function byFeatures<V>(limit: number) {
  const maps = new Map<string, Map<string, V>>();
  return (fk: string) => {
    let map = maps.get(fk);
    if (!map) maps.set(fk, (map = new Map()));
    else if (map.size > limit) map.clear();
    return map;
  };
}

function memoiseLayout(font: fontkit.Font): fontkit.Font {
  /** fontkit's own runs, and the runs composed from pieces (kept apart, so that a cut is always tested against fontkit). */
  const fontkitRuns = byFeatures<fontkit.GlyphRun>(20_000);
  const composedRuns = byFeatures<fontkit.GlyphRun>(20_000);
  const cuts = byFeatures<Cut | typeof JOIN>(20_000);
  const featureKey = (features?: Features) =>
    features === undefined
      ? ''
      : Array.isArray(features)
        ? features.join(',')
        : JSON.stringify(features);
  /** fontkit's own run of `text`, remembered. */
  const whole = (text: string, features: Features | undefined, fk: string): fontkit.GlyphRun => {
    const runs = fontkitRuns(fk);
    let run = runs.get(text);
    if (!run) {
      run = font.layout(text, features);
      runs.set(text, run);
    }
    return run;
  };
  /** What shaping pieces `a` and `b` together does at the cut between them, remembered. */
  const cut = (a: string, b: string, features: Features | undefined, fk: string) => {
    const known = cuts(fk);
    const key = `${a}\u0001${b}`;
    let result = known.get(key);
    if (result === undefined) {
      result = cutBetween(
        whole(a + b, features, fk),
        whole(a, features, fk),
        whole(b, features, fk),
      );
      known.set(key, result);
    }
    return result;
  };
  const shape = (text: string, features?: Features): fontkit.GlyphRun => {
    const fk = featureKey(features);
    const composed = composedRuns(fk);
    let run = composed.get(text);
    if (run) return run;
    // Add a character at a time; a piece that must join the one before does, and so on back, so
    // every cut left in the string is between two pieces that at most kern.
    const pieces: string[] = [];
    for (const char of text) {
      pieces.push(char);
      while (pieces.length > 1 && cut(pieces.at(-2)!, pieces.at(-1)!, features, fk) === JOIN) {
        const last = pieces.pop()!;
        pieces[pieces.length - 1] += last;
      }
    }
    if (pieces.length <= 1) run = whole(text, features, fk);
    else {
      const pieceRuns = pieces.map((p) => whole(p, features, fk));
      const positions = pieceRuns.flatMap((r) => r.positions);
      let at = 0;
      for (let i = 0; i < pieces.length - 1; i++) {
        at += pieceRuns[i]!.glyphs.length;
        const { left, right } = cut(pieces[i]!, pieces[i + 1]!, features, fk) as Cut;
        if (left) positions[at - 1] = shifted(positions[at - 1]!, left);
        if (right) positions[at] = shifted(positions[at]!, right);
      }
      run = joinRuns(pieceRuns, positions);
    }
    composed.set(text, run);
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

/** Advance widths in ems, by style and feature set, then by text. */
const widthCaches = byFeatures<number>(50_000);

/** Advance width of `text` in points, measured with the real font (and its kerning). */
export function textWidth(
  text: string,
  style: FontStyle,
  size: number,
  features?: string[],
): number {
  const cache = widthCaches(features ? `${style}\u0000${features.join(',')}` : style);
  let units = cache.get(text);
  if (units === undefined) {
    const font = fonts()[style];
    units = shaped(font, text, features).advanceWidth / font.unitsPerEm;
    cache.set(text, units);
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
