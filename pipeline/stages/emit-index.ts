/**
 * Stage 5: emit the index of area briefings. A table of every area that works without
 * JavaScript (sorted by name), with sorting and a search box added by a small script when it runs.
 */
import { areaFiles } from '../briefings/area.ts';
import { formatDays, formatNumber, formatPercent } from '../domain/format.ts';
import { renderChartFigure } from '../fill/chart-figure.ts';
import { renderPage, trusted, type PageTemplate } from '../html/page.ts';
import type { AreaModel, ChartImage, OutputFile } from '../types.ts';

export const INDEX_PATH = 'areas/index.html';

export interface IndexMeta {
  title: string;
  lang: string;
  dateLabel: string;
  nationalHtml: string;
}

/** The same number as text for people and as data-value for the sort script. */
const cell = (text: string, value: number | null) => ({
  text,
  value: value === null ? '' : String(value),
});

export function emitIndex(
  models: AreaModel[],
  overview: ChartImage,
  page: PageTemplate,
  meta: IndexMeta,
): OutputFile {
  const first = models[0]!;
  const rows = models.map((m) => ({
    name: m.name,
    slug: m.slug,
    code: m.codes.current ?? m.codes.old ?? '',
    html: areaFiles(m.slug).html.replace('areas/', ''),
    pdf: areaFiles(m.slug).pdf.replace('areas/', ''),
    days: cell(formatDays(m.latest.days), m.latest.days),
    change: cell(formatPercent(m.latest.changePct, 1, true), m.latest.changePct),
    socialCare: cell(formatPercent(m.shares.area.socialCare), m.shares.area.socialCare),
  }));
  const bytes = renderPage(page, {
    meta: {
      ...meta,
      count: formatNumber(models.length),
      year: first.latest.year,
      previousYear: first.latest.previousYear,
    },
    rows,
    // The figure is built from escaped parts by the same helper as the briefings use.
    overview: trusted(renderChartFigure(overview, 1)),
  });
  return { path: INDEX_PATH, bytes };
}
