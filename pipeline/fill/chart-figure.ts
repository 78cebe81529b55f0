/**
 * A chart in the HTML: numbered caption, the SVG as an image with its text alternative, the source
 * line, and the chart's data as a real table that works without JavaScript.
 */
import type { ChartImage, DataTable } from '../types.ts';
import { esc } from './html.ts';

/**
 * Make the chart's SVG one accessible image: role="img" named by the alternative text. Its parts
 * carry no roles of their own (see charts/ops-svg.ts): they are presentational, and the data
 * table below carries the detail.
 */
export function accessibleSvg(chart: ChartImage): string {
  const open = '<svg ';
  if (!chart.svg.startsWith(open)) return chart.svg;
  return `${open}role="img" aria-label="${esc(chart.alt)}" focusable="false" class="chart-svg" ${chart.svg.slice(open.length)}`;
}

export function dataTable(table: DataTable, caption: string): string {
  const cls = (numeric: boolean) => (numeric ? ' class="num"' : '');
  const head = table.columns
    .map((c) => `<th scope="col"${cls(c.numeric)}>${esc(c.label)}</th>`)
    .join('');
  const body = table.rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${esc(cell)}</th>` : `<td${cls(table.columns[i]?.numeric ?? false)}>${esc(cell)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The chart's data as a table, folded away under a summary. */
function dataDetails(chart: ChartImage, number: number): string {
  return (
    `<details><summary>Data for figure ${number} as a table</summary>` +
    // A focusable scrolling region, so a wide table scrolls by itself on a narrow screen.
    `<div class="table-wrap" role="region" aria-label="Data for figure ${number}" tabindex="0">${dataTable(chart.table, chart.table.caption)}</div></details>`
  );
}

/** Where a chart's SVG and its data table go in filled HTML, until the HTML page is emitted. */
const svgSlot = (id: string): string => `<!--chart-svg:${id}-->`;
const tableSlot = (id: string, number: number): string => `<!--chart-table:${id}:${number}-->`;
const SLOT = /<!--chart-(svg|table):([^:>]+)(?::(\d+))?-->/g;

/**
 * Put each chart's SVG and data table into their slots. The filled content carries slots rather
 * than the markup so that reading it back as blocks for the PDF does not parse every chart's
 * drawing and data (a data table of 151 rows is most of an area briefing's content).
 */
export function inlineCharts(html: string, charts: ChartImage[]): string {
  const byId = new Map(charts.map((c) => [esc(c.id), c]));
  return html.replace(SLOT, (whole, kind: string, id: string, number?: string) => {
    const chart = byId.get(id);
    if (!chart) return whole;
    return kind === 'svg' ? accessibleSvg(chart) : dataDetails(chart, Number(number));
  });
}

/**
 * A chart as an HTML figure; with `slotOnly`, the SVG and the data table are left as slots for
 * inlineCharts().
 */
export function renderChartFigure(chart: ChartImage, number: number, slotOnly = false): string {
  const id = `figure-${esc(chart.id)}`;
  return (
    `<figure class="chart" id="${id}" data-chart="${esc(chart.id)}" aria-labelledby="${id}-title">` +
    `<figcaption id="${id}-title"><span class="figure-number">Figure ${number}.</span> ${esc(chart.title)}</figcaption>` +
    `<div class="chart-image">${slotOnly ? svgSlot(esc(chart.id)) : accessibleSvg(chart)}</div>` +
    `<p class="source">${esc(chart.sourceLine)}</p>` +
    (slotOnly ? tableSlot(esc(chart.id), number) : dataDetails(chart, number)) +
    `</figure>`
  );
}
