/**
 * Rendering a whole HTML page from a Handlebars template with the shared CSS and the inlined fonts
 * as partials. Shared by the briefing page and the validation report.
 */
import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';
import { PipelineError, templatePosition } from '../errors.ts';
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
    hb.registerPartial('fonts', FONTS_MARK);
    template = hb.compile(page.template, { strict: true });
    compiled.set(key, template);
  }
  return template;
}

/**
 * The inlined fonts are a quarter of a megabyte of base64 in every page. The template holds a
 * mark where they go, and their bytes, encoded once, are put there, so a batch of pages does not
 * copy and re-encode them for each page. The mark carries a random nonce, so no text in the data
 * can imitate it.
 */
const FONTS_MARK = `/* briefing:web-fonts:${randomBytes(8).toString('hex')} */`;
let fontBytes: Buffer | undefined;

function withFonts(html: string): Uint8Array {
  fontBytes ??= Buffer.from(webFontCss(), 'utf8');
  const parts = html.split(FONTS_MARK).map((part) => Buffer.from(part, 'utf8'));
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [fontBytes!, part])));
}

/** Render `page` with `context` (escaped as usual), as UTF-8 bytes. */
export function renderPage(page: PageTemplate, context: object): Uint8Array {
  try {
    return withFonts(compile(page)(context));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PipelineError(
      'TEMPLATE_RENDER',
      `the page template failed: ${message.split('\n')[0] ?? ''}`,
      { file: page.path, ...templatePosition(message) },
      'check the names used in the template against the data it is given',
      { cause: error },
    );
  }
}

/** Mark text the pipeline produced as HTML (already escaped where it holds data). */
export const trusted = (markup: string): Handlebars.SafeString => new Handlebars.SafeString(markup);
