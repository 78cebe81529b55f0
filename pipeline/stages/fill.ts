/**
 * Stage 3: fill. Render the briefing's Handlebars template with the validated figures, quotations
 * and rendered charts (escaping on: helpers return escaped HTML), then read the result back as
 * blocks so the PDF shows exactly what the HTML shows.
 */
import Handlebars from 'handlebars';
import { PipelineError } from '../errors.ts';
import { formatDate } from '../domain/format.ts';
import { monthLabel } from '../domain/periods.ts';
import type { ChartImage, DocMeta, FilledDoc, ValidDataset } from '../types.ts';
import { registerHelpers } from '../fill/helpers.ts';
import { parseBlocks } from '../fill/parse-html.ts';

export interface FillInput {
  valid: ValidDataset;
  charts: ChartImage[];
  template: { path: string; source: string };
  files: { pdf: string; html: string };
}

export function fillTemplates({ valid, charts, template, files }: FillInput): FilledDoc {
  const { briefing, dtoc } = valid;
  const meta: DocMeta = {
    ...briefing.meta,
    dateLabel: formatDate(briefing.meta.date),
    shortTitle: briefing.meta.title,
    keywords: [
      'Better Care Fund',
      'health and social care integration',
      'delayed transfers of care',
      'National Audit Office',
    ],
    pdfFile: files.pdf,
    htmlFile: files.html,
  };
  const hb = Handlebars.create();
  registerHelpers(hb, {
    templatePath: template.path,
    claims: new Map(briefing.claims.map((c) => [c.id, c])),
    quotes: new Map(briefing.quotes.map((q) => [q.id, q])),
    sources: new Map(briefing.sources.map((s) => [s.id, s])),
    charts: new Map(charts.map((c) => [c.id, c])),
    discrepancies: briefing.discrepancies,
  });
  const context = {
    meta,
    data: {
      first: monthLabel(dtoc.months[0]!),
      last: monthLabel(dtoc.months.at(-1)!),
      areas: dtoc.areas.length,
    },
  };
  const html = render(hb, template, context);
  return { meta, html, blocks: parseBlocks(html, template.path) };
}

function render(hb: typeof Handlebars, template: FillInput['template'], context: object): string {
  try {
    return hb.compile(template.source, { strict: true, noEscape: false })(context);
  } catch (error) {
    if (error instanceof PipelineError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const line = /line (\d+)/.exec(reason)?.[1];
    throw new PipelineError(
      'TEMPLATE_RENDER',
      `the template failed: ${reason.split('\n')[0]}`,
      { file: template.path, ...(line ? { line: Number(line) } : {}) },
      'check the names used in the template against the data it is given',
      { cause: error },
    );
  }
}
