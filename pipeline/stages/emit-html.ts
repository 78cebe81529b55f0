/**
 * Stage 4b: emit HTML. Put the filled content into the page shell: one self-contained file with
 * inline CSS and fonts, charts as inline SVG, a link to the PDF, and no JavaScript.
 */
import { renderPage, trusted, type PageTemplate } from '../html/page.ts';
import { inlineCharts } from '../fill/chart-figure.ts';
import type { ChartImage, FilledDoc, OutputFile } from '../types.ts';

export type PageShell = PageTemplate;

export interface PdfFacts {
  pages: number;
  bytes: number;
}

export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

export function emitHtml(
  doc: FilledDoc,
  charts: ChartImage[],
  shell: PageShell,
  pdf: PdfFacts,
  path = doc.meta.htmlFile,
): OutputFile {
  const bytes = renderPage(shell, {
    meta: doc.meta,
    pdf: { pages: pdf.pages, size: sizeLabel(pdf.bytes) },
    // The content is the filled template's output, already escaped by it.
    content: trusted(inlineCharts(doc.html.trim(), charts)),
  });
  return { path, bytes };
}
