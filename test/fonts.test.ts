/**
 * The shaping memo in pipeline/fonts.ts builds a string's run from the runs of its pieces, cut
 * wherever two neighbouring pieces were shown to shape the same apart as together but for a
 * kerning of the glyphs at the cut, which it adds back. That is only right if no lookup in the
 * font reaches across such a cut through a third glyph, so it is checked
 * here against fontkit's own shaping: every character the briefings use, next to letters and
 * figures that kern or form ligatures, every word in the templates, and every word and text of a
 * full build's briefings (the national one and all 150 areas).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, inject, it } from 'vitest';
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

/** Every word (alone and with its trailing space, as pdfkit sets it) and every text of the built briefings. */
function builtTexts(every: number): string[] {
  const out = join(inject('builtRoot'), 'out');
  const files = [
    join(out, 'bcf-briefing.html'),
    ...readdirSync(join(out, 'areas'))
      .filter((f) => f.endsWith('.html'))
      .filter((_, i) => i % every === 0)
      .map((f) => join(out, 'areas', f)),
  ];
  const texts = new Set<string>();
  for (const file of files) {
    const html = readFileSync(file, 'utf8').replace(/<(style|script)[\s\S]*?<\/\1>/g, '');
    for (const [, raw] of html.matchAll(/>([^<]+)</g)) {
      const text = raw!
        .replace(/&#x27;|&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .trim();
      if (!text) continue;
      texts.add(text);
      for (const word of text.split(/\s+/)) texts.add(word).add(`${word} `);
    }
  }
  return [...texts];
}

/** Strings whose memoised run differs from fontkit's own. */
function differing(style: FontStyle, texts: string[]): string[] {
  const reference = fontkit.openSync(join(TTF_DIR, FILES[style])) as fontkit.Font;
  const memoised = fonts()[style];
  return texts.filter(
    (text) =>
      JSON.stringify(signature(memoised.layout(text))) !==
      JSON.stringify(signature(reference.layout(text))),
  );
}

describe('shaping a string from its pieces', () => {
  // Characters next to ones that kern ("T", "y", "V"), form ligatures ("f") or sit in numbers.
  const neighbours = CHARACTERS.flatMap((c) =>
    ['f', 'y', 'T', 'V', '1', 'ff'].flatMap((n) => [`${n}${c}`, `${c}${n}`, `${n}${c}${n}`]),
  );
  for (const style of Object.keys(FILES) as FontStyle[]) {
    it(`gives what fontkit gives, in ${style}`, () => {
      const texts = [
        ...CHARACTERS.flatMap((c) => [c, `${c} `]),
        ...neighbours,
        ...templateWords().flatMap((w) => [w, `${w} `]),
        // Every area's text in the regular style; a sample of areas in the others.
        ...builtTexts(style === 'regular' ? 1 : 10),
      ];
      expect(differing(style, texts)).toEqual([]);
    });
  }

  it('meets strings whose letters interact, so the comparison above can tell', () => {
    const reference = fontkit.openSync(join(TTF_DIR, FILES.regular)) as fontkit.Font;
    const apart = (text: string) =>
      [...text].map((c) => reference.layout(c).positions[0]!.xAdvance);
    // "ff" is one ligature glyph and "Yo" is kerned: cutting either would change the run.
    expect(reference.layout('Suffolk').glyphs).toHaveLength(6);
    expect(reference.layout('Yo').positions.map((p) => p.xAdvance)).not.toEqual(apart('Yo'));
    expect(signature(fonts().regular.layout('Suffolk Yorkshire'))).toEqual(
      signature(reference.layout('Suffolk Yorkshire')),
    );
  });
});
