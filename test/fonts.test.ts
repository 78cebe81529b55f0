/**
 * The shaping memo in pipeline/fonts.ts builds a word-with-trailing-space run ("York ") from the
 * word's run and the space's, instead of shaping it again. That is only right if nothing in the
 * font (ligature, contextual substitution, kerning) reaches across a space: checked here against
 * fontkit's own shaping, for every character the briefings use and every word in the templates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fonts, TTF_DIR, type FontStyle } from '../pipeline/fonts.ts';

const FILES: Record<FontStyle, string> = {
  regular: 'SourceSans3-Regular.ttf',
  italic: 'SourceSans3-It.ttf',
  semibold: 'SourceSans3-Semibold.ttf',
  bold: 'SourceSans3-Bold.ttf',
};

const CHARACTERS = [
  ...' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~£–—‘’“”•…−·',
].filter((c) => c !== ' ');

const TEMPLATES = join(import.meta.dirname, '..', 'templates');

/** Every word of running text in the templates (tags and Handlebars expressions removed). */
function templateWords(): string[] {
  const words = new Set<string>();
  for (const dir of ['bcf', 'area']) {
    for (const file of readdirSync(join(TEMPLATES, dir))) {
      const text = readFileSync(join(TEMPLATES, dir, file), 'utf8')
        .replace(/{{[^}]*}}/g, ' ')
        .replace(/<[^>]*>/g, ' ');
      for (const word of text.split(/\s+/)) if (word) words.add(word);
    }
  }
  return [...words];
}

/** Glyph ids and positions: everything pdfkit reads from a run. */
const signature = (run: fontkit.GlyphRun) => ({
  glyphs: run.glyphs.map((g) => g.id),
  positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
});

describe('shaping a word with its trailing space', () => {
  for (const style of Object.keys(FILES) as FontStyle[]) {
    it(`gives what fontkit gives, in ${style}`, () => {
      const reference = fontkit.openSync(join(TTF_DIR, FILES[style])) as fontkit.Font;
      const memoised = fonts()[style];
      const words = [
        ...CHARACTERS,
        ...CHARACTERS.flatMap((c) => [`f${c}`, `y${c}`, `T${c}`, `1${c}`]),
        ...(style === 'regular' ? templateWords() : []),
      ];
      const differ = words.filter((word) => {
        const text = `${word} `;
        return (
          JSON.stringify(signature(memoised.layout(text))) !==
          JSON.stringify(signature(reference.layout(text)))
        );
      });
      expect(differ).toEqual([]);
      // And the composed run really is the word's run followed by the space's.
      expect(memoised.layout('York ').glyphs.map((g) => g.id)).toEqual([
        ...reference.layout('York').glyphs.map((g) => g.id),
        reference.glyphForCodePoint(32).id,
      ]);
    });
  }
});
