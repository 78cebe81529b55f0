/**
 * pipeline/pdf/batched-writes.ts changes how pdfkit turns its writes into bytes, never the bytes:
 * the same document drawn with pdfkit's untouched CommonJS build (`require('pdfkit')`) (a separate copy of its classes)
 * must come out byte for byte the same.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { TTF_DIR } from '../../pipeline/fonts.ts';
import { batchWrites } from '../../pipeline/pdf/batched-writes.ts';

const require = createRequire(import.meta.url);
type Doc = PDFKit.PDFDocument;
const Untouched = require('pdfkit') as new (options: object) => Doc;

batchWrites(PDFDocument as unknown as new (options?: object) => unknown);

function draw(doc: Doc): Promise<Buffer> {
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(parts))));
  doc.registerFont('body', join(TTF_DIR, 'SourceSans3-Regular.ttf'));
  for (let page = 0; page < 2; page++) {
    doc.addPage({ size: 'A4' });
    doc.font('body').fontSize(11).fillColor('#1d1d1b');
    doc.text('Delayed transfers of care — 184,610 more days (“not available” £ 5%)', 72, 72);
    doc
      .moveTo(72, 120)
      .lineTo(300, 140)
      .bezierCurveTo(310, 150, 320, 160, 330, 120)
      .stroke('#005ea5');
    doc.rect(72, 200, 100, 40).fillOpacity(0.5).fill('#d4351c');
    doc.link(72, 300, 100, 12, 'https://www.nao.org.uk/');
  }
  doc.end();
  return done;
}

const options = {
  autoFirstPage: false,
  pdfVersion: '1.7',
  tagged: true,
  info: { Title: 'Batched', CreationDate: new Date(0), ModDate: new Date(0) },
};

describe('batched pdfkit writes', () => {
  it('give the same bytes as pdfkit writing each line itself', async () => {
    const batched = await draw(new PDFDocument(options as PDFKit.PDFDocumentOptions));
    const untouched = await draw(new Untouched(options));
    expect(batched.length).toBeGreaterThan(1000);
    expect(batched.equals(untouched)).toBe(true);
  });

  it('really are batched: the file arrives in a few chunks, not one per line', async () => {
    let chunks = 0;
    const doc = new PDFDocument(options as PDFKit.PDFDocumentOptions);
    doc.on('data', () => chunks++);
    const bytes = await draw(doc);
    const lines = bytes.toString('latin1').split('\n').length;
    expect(chunks).toBeLessThan(lines / 4);
  });
});
