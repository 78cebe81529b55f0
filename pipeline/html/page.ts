/**
 * Rendering a whole HTML page from a Handlebars template with the shared CSS and the inlined fonts
 * as partials. Shared by the briefing page and the validation report.
 */
import Handlebars from 'handlebars';
import { PipelineError } from '../errors.ts';
import { webFontCss } from '../fonts.ts';

export interface PageTemplate {
  /** Where the template is, for error messages. */
  path: string;
  template: string;
  /** templates/shared/briefing.css */
  css: string;
}

/** Compiled once per template text: a batch of pages reuses it. */
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function compile(page: PageTemplate): HandlebarsTemplateDelegate {
  const key = `${page.path}\u0000${page.template}\u0000${page.css}`;
  let template = compiled.get(key);
  if (!template) {
    const hb = Handlebars.create();
    // Partials are template text, not data: the CSS and font rules are inserted as written.
    hb.registerPartial('styles', page.css);
    hb.registerPartial('fonts', webFontCss());
    template = hb.compile(page.template, { strict: true });
    compiled.set(key, template);
  }
  return template;
}

/** Render `page` with `context` (escaped as usual), as UTF-8 bytes. */
export function renderPage(page: PageTemplate, context: object): Uint8Array {
  try {
    return new TextEncoder().encode(compile(page)(context));
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0] ?? '';
    throw new PipelineError(
      'TEMPLATE_RENDER',
      `the page template failed: ${reason}`,
      { file: page.path },
      'check the names used in the template against the data it is given',
      { cause: error },
    );
  }
}

/** Mark text the pipeline produced as HTML (already escaped where it holds data). */
export const trusted = (markup: string): Handlebars.SafeString => new Handlebars.SafeString(markup);
