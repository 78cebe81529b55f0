/**
 * pdfkit's `text(text, x, y, { lineBreak: false, baseline: 'alphabetic', features })`, the one
 * call the briefing sets every piece of text with, writing exactly what pdfkit writes. pdfkit
 * shapes such a string three times (twice only to measure it) and builds its text operators
 * afresh each time; a batch sets the same labels, headings and words in every document. So the
 * operators that show a string are kept per font: every document's subset starts with the same
 * common glyphs in the same order (shared-subsets.ts), and a string of those glyphs is shown by the
 * same bytes in any document. A string with any other glyph is encoded by pdfkit for that document.
 * test/pdf/set-text.test.ts compares the content streams with pdfkit's own.
 */
import type * as fontkit from 'fontkit';
import { SHARED_GLYPHS } from './shared-subsets.ts';

type Doc = PDFKit.PDFDocument;

interface Position {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

interface EmbeddedFont {
  id: string;
  font: fontkit.Font;
  ref(): unknown;
  encode(text: string, features?: string[]): [string[], Position[]];
  [SHARED_GLYPHS]?: number;
}

interface DocInternals {
  _font: EmbeddedFont;
  _fontSize: number;
  _textOptions: unknown;
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

/** How a string is shown: its TJ operator (none if it has no glyphs) and its advance in font units. */
interface Shown {
  tj: string;
  width: number;
}

/** pdfkit's number format: six decimals at most. */
const number = (n: number): number => Math.round(n * 1e6) / 1e6;

const shownByFont = new WeakMap<fontkit.Font, Map<string, Shown>>();
const MAX_SHOWN = 20_000;

/**
 * pdfkit's TJ operator for `text` (its _fragment, without word spacing), or undefined if a glyph
 * is offset; `shared` says whether every glyph is one of those every document's subset starts
 * with (ids below `shared`), so the operator means the same in any document.
 */
function encode(
  font: EmbeddedFont,
  text: string,
  features: string[] | undefined,
  sharedGlyphs: number,
): (Shown & { shared: boolean }) | undefined {
  const [encoded, positions] = font.encode(text, features);
  const commands: string[] = [];
  let last = 0;
  const segment = (cur: number) => {
    if (last < cur) {
      const advance = positions[cur - 1]!.xAdvance - positions[cur - 1]!.advanceWidth;
      commands.push(`<${encoded.slice(last, cur).join('')}> ${number(-advance)}`);
    }
    last = cur;
  };
  let width = 0;
  for (let i = 0; i < positions.length; i++) {
    const pos = positions[i]!;
    // pdfkit moves the text matrix for an offset glyph: rare in Latin text, and left to pdfkit.
    if (pos.xOffset || pos.yOffset) return undefined;
    if (pos.xAdvance - pos.advanceWidth !== 0) segment(i + 1);
    width += pos.xAdvance;
  }
  segment(positions.length);
  return {
    tj: commands.length ? `[${commands.join(' ')}] TJ` : '',
    width,
    shared: encoded.every((hex) => parseInt(hex, 16) < sharedGlyphs),
  };
}

function shown(font: EmbeddedFont, text: string, features?: string[]): Shown | undefined {
  const sharedGlyphs = font[SHARED_GLYPHS] ?? 0;
  const key = `${features?.join(',') ?? ''}\u0000${text}`;
  let cache = shownByFont.get(font.font);
  const cached = sharedGlyphs > 0 ? cache?.get(key) : undefined;
  if (cached) return cached;
  const result = encode(font, text, features, sharedGlyphs);
  if (result?.shared) {
    if (!cache) shownByFont.set(font.font, (cache = new Map()));
    if (cache.size >= MAX_SHOWN) cache.clear();
    cache.set(key, { tj: result.tj, width: result.width });
  }
  return result;
}

/** Set one line of `text` in the current font and size, its baseline at `y`, from `x`. */
export function setText(doc: Doc, text: string, x: number, y: number, features?: string[]): Doc {
  const d = doc as unknown as DocInternals;
  const plain = () =>
    doc.text(text, x, y, {
      lineBreak: false,
      baseline: 'alphabetic',
      ...(features ? { features } : {}),
    } as PDFKit.Mixins.TextOptions);
  if (d._textOptions || text.includes('\n')) return plain();
  d.x = x;
  d.y = y;
  if (text === '') return doc;
  const font = d._font;
  const show = shown(font, text, features);
  if (!show) return plain();
  const size = d._fontSize;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, d.page.height);
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  d.addContent('BT');
  d.addContent(`1 0 0 1 ${number(x)} ${number(d.page.height - y)} Tm`);
  d.addContent(`/${font.id} ${number(size)} Tf`);
  if (show.tj) d.addContent(show.tj);
  d.addContent('ET');
  doc.restore();
  // As pdfkit leaves it: at the end of the line.
  d.x = x + (show.width * size) / 1000;
  return doc;
}
