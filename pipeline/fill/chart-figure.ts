/**
 * A chart in the HTML: numbered caption, the SVG as an image with its text alternative, the source
 * line, and the chart's data as a real table that works without JavaScript.
 */
import type { ChartImage, DataTable } from '../types.ts';
import { esc } from './html.ts';

/** Make vega's SVG an accessible image: role="img" with the alternative text as its name. */
function accessibleSvg(chart: ChartImage): string {
  return chart.svg.replace(
    /^<svg /,
    `<svg role="img" aria-label="${esc(chart.alt)}" focusable="false" class="chart-svg" `,
  );
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

export function renderChartFigure(chart: ChartImage, number: number): string {
  const id = `figure-${esc(chart.id)}`;
  return (
    `<figure class="chart" id="${id}" data-chart="${esc(chart.id)}" aria-labelledby="${id}-title">` +
    `<figcaption id="${id}-title"><span class="figure-number">Figure ${number}.</span> ${esc(chart.title)}</figcaption>` +
    `<div class="chart-image">${accessibleSvg(chart)}</div>` +
    `<p class="source">${esc(chart.sourceLine)}</p>` +
    `<details><summary>Data for figure ${number} as a table</summary>${dataTable(chart.table, chart.table.caption)}</details>` +
    `</figure>`
  );
}
