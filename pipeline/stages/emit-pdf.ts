/**
 * Stage 4a: emit PDF. Lay the filled blocks out on A4 pages (pagination with keep and lone-line
 * rules), draw them into a tagged PDF with a structure tree, bookmarks, vector charts and
 * embedded, subset fonts, then add "Page X of Y" footers as artifacts.
 */
import { PipelineError } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { createDocument, drawFooters, drawTitleBand } from '../pdf/document.ts';
import { paginate } from '../pdf/flow.ts';
import { layoutBlocks } from '../pdf/layout.ts';
import { Painter } from '../pdf/paint.ts';
import { CONTENT_BOTTOM, CONTENT_WIDTH, MARGIN } from '../pdf/style.ts';
import type { ChartImage, FilledDoc, OutputFile } from '../types.ts';

export interface EmittedPdf extends OutputFile {
  pages: number;
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    doc.on('data', (part: Buffer) => parts.push(part));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(parts))));
    doc.on('error', reject);
  });
}

export async function emitPdf(
  filled: FilledDoc,
  charts: ChartImage[],
  path = filled.meta.pdfFile,
): Promise<EmittedPdf> {
  const doc = createDocument(filled.meta);
  const done = collect(doc);
  const painter = new Painter(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const flows = layoutBlocks(filled.blocks, {
    x: MARGIN.left,
    width: CONTENT_WIDTH,
    parent: () => root,
    charts: new Map(charts.map((c) => [c.id, c])),
    outline: {},
  });
  const pages = paginate(flows, MARGIN.top, CONTENT_BOTTOM);
  if (pages.length === 0) {
    const m = msg.pdfNothingToLayOut();
    throw new PipelineError(m.code, m.message, { file: path }, m.hint);
  }
  pages.forEach((page, i) => {
    doc.addPage();
    if (i === 0) drawTitleBand(painter);
    for (const placed of page) placed.chunk.draw(painter, placed.y);
  });
  drawFooters(doc, filled.meta);
  root.end();
  doc.end();
  return { path, bytes: await done, pages: pages.length };
}
