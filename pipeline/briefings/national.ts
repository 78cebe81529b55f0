/** The national briefing: what its template is given, and the files it makes. */
import { formatDate } from '../domain/format.ts';
import { monthLabel } from '../domain/periods.ts';
import type { FillInput } from '../stages/fill.ts';
import type { ChartImage, ValidDataset } from '../types.ts';

export const NATIONAL = {
  content: 'bcf',
  pdf: 'bcf-briefing.pdf',
  html: 'bcf-briefing.html',
} as const;

export function nationalFill(
  valid: ValidDataset,
  charts: ChartImage[],
  template: FillInput['template'],
): FillInput {
  const { briefing, dtoc } = valid;
  return {
    meta: {
      ...briefing.meta,
      dateLabel: formatDate(briefing.meta.date),
      shortTitle: briefing.meta.title,
      keywords: [
        'Better Care Fund',
        'health and social care integration',
        'delayed transfers of care',
        'National Audit Office',
      ],
      pdfFile: NATIONAL.pdf,
      htmlFile: NATIONAL.html,
      backLink: { href: 'areas/index.html', label: 'Briefings for each local authority' },
    },
    template,
    context: {
      data: {
        first: monthLabel(dtoc.months[0]!),
        last: monthLabel(dtoc.months.at(-1)!),
        areas: dtoc.areas.length,
      },
    },
    refs: {
      claims: new Map(briefing.claims.map((c) => [c.id, c])),
      quotes: new Map(briefing.quotes.map((q) => [q.id, q])),
      sources: new Map(briefing.sources.map((s) => [s.id, s])),
      charts: new Map(charts.map((c) => [c.id, c])),
      discrepancies: briefing.discrepancies,
    },
  };
}
