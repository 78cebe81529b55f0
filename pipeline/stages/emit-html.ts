/**
 * Stage 4b: emit HTML. Put the filled content into the page shell: one self-contained file with
 * inline CSS and fonts, charts as inline SVG, a link to the PDF, and no JavaScript.
 */
import Handlebars from 'handlebars';
import { PipelineError } from '../errors.ts';
import { webFontCss } from '../fonts.ts';
import type { FilledDoc, OutputFile } from '../types.ts';

export interface PageShell {
  /** Where the shell template is, for error messages. */
  path: string;
  /** templates/shared/page.html.hbs */
  template: string;
  /** templates/shared/briefing.css */
  css: string;
}

export interface PdfFacts {
  pages: number;
  bytes: number;
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

/** Compile the shell once per shell text; the batch of area pages reuses it. */
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function compileShell(shell: PageShell): HandlebarsTemplateDelegate {
  const key = shell.template + shell.css;
  let template = compiled.get(key);
  if (!template) {
    const hb = Handlebars.create();
    // Partials are template text, not data: the CSS and font rules are inserted as written.
    hb.registerPartial('styles', shell.css);
    hb.registerPartial('fonts', webFontCss());
    template = hb.compile(shell.template, { strict: true });
    compiled.set(key, template);
  }
  return template;
}

export function emitHtml(
  doc: FilledDoc,
  shell: PageShell,
  pdf: PdfFacts,
  path = doc.meta.htmlFile,
): OutputFile {
  let page: string;
  try {
    page = compileShell(shell)({
      meta: doc.meta,
      pdf: { pages: pdf.pages, size: sizeLabel(pdf.bytes) },
      // The content is the filled template's output, already escaped by it.
      content: new Handlebars.SafeString(doc.html.trim()),
    });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    throw new PipelineError(
      'TEMPLATE_RENDER',
      `the page template failed: ${reason}`,
      { file: shell.path },
      'check the names used in the template against the data it is given',
      { cause: error },
    );
  }
  return { path, bytes: new TextEncoder().encode(page) };
}
