/**
 * pipeline/pdf/set-text.ts writes what pdfkit's text() writes for a line at a baseline, keeping
 * the operators of each string for later documents. Each document here is drawn twice, once with
 * setText and once with pdfkit's text(), and must come out byte for byte the same: also when a
 * string has a glyph outside the shared set, whose id differs between documents.
 */
import { describe, expect, it } from 'vitest';
import { createDocument } from '../../pipeline/pdf/document.ts';
import { setText } from '../../pipeline/pdf/set-text.ts';
import type { DocMeta } from '../../pipeline/types.ts';

const meta: DocMeta = {
  title: 'Set text',
  subtitle: 'A test',
  author: 'briefing tests',
  keywords: ['test'],
  date: '2019-06-01',
  dateLabel: '1 June 2019',
  lang: 'en-GB',
  shortTitle: 'Set text',
  id: 'set-text',
  pdfFile: 'set-text.pdf',
  htmlFile: 'set-text.html',
  backLink: null,
};

type Line = { text: string; font: string; size: number; features?: string[] };

function pdf(lines: Line[], useSetText: boolean): Promise<Buffer> {
  const doc = createDocument(meta);
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(parts))));
  doc.addPage();
  lines.forEach((line, i) => {
    const x = 56.7 + (i % 3) * 0.123457;
    const y = 80 + i * 14.25;
    doc.font(line.font).fontSize(line.size).fillColor('#0b0c0c');
    if (useSetText) setText(doc, line.text, x, y, line.features);
    else
      doc.text(line.text, x, y, {
        lineBreak: false,
        baseline: 'alphabetic',
        ...(line.features ? { features: line.features } : {}),
      } as PDFKit.Mixins.TextOptions);
    // Where pdfkit leaves the pen is part of the contract: a tick is drawn there.
    doc
      .moveTo(doc.x, doc.y)
      .lineTo(doc.x, doc.y + 2)
      .stroke();
  });
  doc.end();
  return done;
}

const same = async (lines: Line[]) => {
  const [mine, theirs] = await Promise.all([pdf(lines, true), pdf(lines, false)]);
  expect(mine.length).toBeGreaterThan(1000);
  expect(mine.equals(theirs)).toBe(true);
};

describe('setting a line of text', () => {
  const words: Line[] = [
    { text: 'Delayed transfers of care', font: 'semibold', size: 16 },
    { text: 'Tameside +174.2% (“largest rise”)', font: 'regular', size: 9.5 },
    { text: 'AVAWAY Yo To ffi fl', font: 'bold', size: 11 },
    { text: '1,809,587', font: 'regular', size: 9.5, features: ['tnum'] },
    { text: 'italic — 23rd of 150', font: 'italic', size: 8.5 },
    { text: '', font: 'regular', size: 10 },
    { text: '   spaced   out   ', font: 'regular', size: 10 },
    { text: 'two\nlines', font: 'regular', size: 10 },
  ];

  it('writes what pdfkit writes', async () => {
    await same(words);
    // And again, now from the operators it kept.
    await same(words);
  });

  it('writes what pdfkit writes for glyphs outside the shared set, whose ids differ by document', async () => {
    // "Ł" takes the first id after the shared glyphs in one document, "é" in the other.
    await same([
      { text: 'Łódź é', font: 'regular', size: 10 },
      { text: 'Café Łódź', font: 'regular', size: 10 },
    ]);
    await same([
      { text: 'é', font: 'regular', size: 10 },
      { text: 'Café Łódź', font: 'regular', size: 10 },
      { text: 'Łódź é', font: 'regular', size: 10 },
    ]);
  });
});
