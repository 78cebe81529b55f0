/**
 * Embedding a font means encoding the subset of glyphs a document uses, and a batch of briefings
 * uses nearly the same glyphs in every document. Each document's subset starts with the same
 * common glyphs in the same order, so the encoded subset is usually identical and is encoded once
 * and compressed once per process. (This reaches into pdfkit's EmbeddedFont and fontkit's subset;
 * the PDF tests check the fonts are embedded and the text extracts.)
 */
import { deflateSync } from 'node:zlib';
import type * as fontkit from 'fontkit';

/** Letters, figures (proportional and tabular), punctuation and the ligatures running text produces. */
const COMMON_TEXT =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~£–—‘’“”•…−· fi fl ff ffi ffl';

interface Subset {
  glyphs: number[];
  includeGlyph(glyph: number): number;
  encode(): Uint8Array;
}

/**
 * Set on a shared font: how many glyphs every document's subset starts with, in the same order,
 * so a glyph id below it means the same glyph in every document (pdf/set-text.ts relies on it).
 */
export const SHARED_GLYPHS = Symbol('sharedGlyphs');

interface EmbeddedFontLike {
  [SHARED_GLYPHS]?: number;
  font: fontkit.Font;
  layoutCache?: Record<string, unknown>;
  document: { ref: (data?: Record<string, unknown>) => unknown };
  embed(): void;
  subset: Subset;
  scale: number;
  widths: number[];
  unicode: number[][];
}

const commonGlyphs = new WeakMap<object, fontkit.Glyph[]>();
const encoded = new Map<string, Uint8Array>();

function common(font: fontkit.Font): fontkit.Glyph[] {
  let glyphs = commonGlyphs.get(font);
  if (!glyphs) {
    const all = [...font.layout(COMMON_TEXT).glyphs, ...font.layout('0123456789', ['tnum']).glyphs];
    glyphs = all.filter((g, i) => all.findIndex((h) => h.id === g.id) === i);
    commonGlyphs.set(font, glyphs);
  }
  return glyphs;
}

/**
 * pdfkit shapes text a word at a time and keeps each shaped word, scaled to its units, in a cache
 * of its own for each document. Words recur across a batch, so every document of a process
 * shares one cache per font (pdfkit never changes a cached run). It is started afresh every
 * few hundred documents, so a batch of any size holds only a bounded vocabulary.
 */
const layoutCaches = new WeakMap<object, { cache: Record<string, unknown>; documents: number }>();
const LAYOUT_CACHE_DOCUMENTS = 400;

function shareLayouts(embedded: EmbeddedFontLike): void {
  let shared = layoutCaches.get(embedded.font);
  if (!shared || shared.documents >= LAYOUT_CACHE_DOCUMENTS) {
    shared = { cache: Object.create(null) as Record<string, unknown>, documents: 0 };
    layoutCaches.set(embedded.font, shared);
  }
  shared.documents += 1;
  if (embedded.layoutCache) embedded.layoutCache = shared.cache;
}

/** Give `embedded` the shared glyph order, a cached encoder and the shared layout cache. */
export function shareSubset(embedded: EmbeddedFontLike, name: string): void {
  shareLayouts(embedded);
  const subset = embedded.subset;
  // As pdfkit does for each glyph it sets: record its width and the text it stands for.
  for (const glyph of common(embedded.font)) {
    const gid = subset.includeGlyph(glyph.id);
    embedded.widths[gid] ??= glyph.advanceWidth * embedded.scale;
    embedded.unicode[gid] ??= glyph.codePoints;
  }
  // Only for a subset that held nothing else before the common glyphs.
  if (subset.glyphs.length === common(embedded.font).length + 1)
    embedded[SHARED_GLYPHS] = subset.glyphs.length;
  // The subset is kept compressed: embed() is made to create the font's stream as already
  // FlateDecode-filtered (pdfkit then writes the bytes as they are) and encode() returns the
  // deflated bytes, so neither encoding nor compression is repeated for each document.
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    const key = `${name}:${subset.glyphs.join(',')}`;
    let bytes = encoded.get(key);
    if (!bytes) {
      bytes = deflateSync(encode());
      if (encoded.size > 64) encoded.clear();
      encoded.set(key, bytes);
    }
    return bytes;
  };
  const embed = embedded.embed.bind(embedded);
  embedded.embed = () => {
    const doc = embedded.document;
    const ref = doc.ref;
    // The first object embed() makes is the font file stream.
    doc.ref = (data?: Record<string, unknown>) => {
      doc.ref = ref;
      return ref.call(doc, { ...data, Filter: 'FlateDecode' });
    };
    try {
      embed();
    } finally {
      doc.ref = ref;
    }
  };
}
