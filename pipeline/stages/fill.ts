/**
 * Stage 3: fill. Render a briefing's Handlebars template with its data, figures, quotations and
 * rendered charts (escaping on: helpers return escaped HTML), then read the result back as blocks
 * so the PDF shows exactly what the HTML shows.
 */
import Handlebars from 'handlebars';
import { PipelineError, templatePosition } from '../errors.ts';
import { makeHelpers, type HelperContext } from '../fill/helpers.ts';
import { parseBlocks } from '../fill/parse-html.ts';
import type { DocMeta, FilledDoc } from '../types.ts';

export interface FillInput {
  meta: DocMeta;
  template: { path: string; source: string };
  /** What the template reads besides `meta` (escaped when output). */
  context: Record<string, unknown>;
  /** What the helpers look up: figures, quotations, sources, charts, discrepancies. */
  refs: Omit<HelperContext, 'templatePath'>;
}

/** Each template is compiled once per process (or worker) and reused for every briefing. */
const compiled = new Map<string, HandlebarsTemplateDelegate>();

function compile(template: FillInput['template']): HandlebarsTemplateDelegate {
  const key = `${template.path}\u0000${template.source}`;
  let fn = compiled.get(key);
  if (!fn) {
    fn = Handlebars.create().compile(template.source, { strict: true });
    compiled.set(key, fn);
  }
  return fn;
}

export function fillTemplates({ meta, template, context, refs }: FillInput): FilledDoc {
  let html: string;
  try {
    const helpers = makeHelpers({ ...refs, templatePath: template.path });
    html = compile(template)({ ...context, meta }, { helpers });
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PipelineError(
      'TEMPLATE_RENDER',
      `the template failed: ${reason.split('\n')[0]}`,
      { file: template.path, ...templatePosition(reason) },
      'check the names used in the template against the data it is given',
      { cause: error },
    );
  }
  return { meta, html, blocks: parseBlocks(html, template.path) };
}
