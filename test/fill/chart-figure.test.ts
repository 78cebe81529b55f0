import { describe, expect, it } from 'vitest';
import { inlineCharts, renderChartFigure } from '../../pipeline/fill/chart-figure.ts';
import { parseBlocks } from '../../pipeline/fill/parse-html.ts';
import type { ChartImage } from '../../pipeline/types.ts';

const chart = (id: string, rows: number): ChartImage => ({
  id,
  title: `Chart ${id}`,
  alt: `What chart ${id} shows`,
  sourceLine: 'Source: NHS England',
  sourceIds: ['dtoc'],
  spec: {},
  table: {
    caption: `Data of ${id}`,
    columns: [
      { label: 'Month', numeric: false },
      { label: 'Days', numeric: true },
    ],
    rows: Array.from({ length: rows }, (_, i) => [`Month ${i}`, String(i * 10)]),
  },
  svg: `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" role="graphics-document"><rect width="10" height="10"/></svg>`,
  ops: [],
  width: 10,
  height: 10,
});

describe('chart figures: slots in the filled content', () => {
  const charts = [chart('monthly', 96), chart('position', 151)];
  const filled = `<h2>A</h2>${renderChartFigure(charts[0]!, 1, true)}<p>B</p>${renderChartFigure(charts[1]!, 2, true)}`;

  it('leaves the SVG and the data table out of the content the PDF reads, as slots', () => {
    expect(filled).not.toContain('<svg');
    expect(filled).not.toContain('<table');
    expect(filled).not.toContain('Month 95');
    expect(filled).toContain('<!--chart-svg:monthly-->');
    expect(filled).toContain('<!--chart-table:position:2-->');
    // The PDF still gets each figure, with its caption and source line.
    const figures = parseBlocks(filled, 'test.hbs').filter((b) => b.kind === 'figure');
    expect(figures.map((f) => f.kind === 'figure' && f.chartId)).toEqual(['monthly', 'position']);
  });

  it('fills the slots with exactly what the figure holds when drawn whole', () => {
    const whole = `<h2>A</h2>${renderChartFigure(charts[0]!, 1)}<p>B</p>${renderChartFigure(charts[1]!, 2)}`;
    expect(inlineCharts(filled, charts)).toBe(whole);
    expect(whole).toContain('<summary>Data for figure 2 as a table</summary>');
    expect(whole).toContain('<th scope="row">Month 150</th>');
    expect(whole).toContain('<svg role="img" aria-label="What chart monthly shows"');
  });

  it('leaves a slot for a chart it was not given as it is', () => {
    expect(inlineCharts(filled, [charts[0]!])).toContain('<!--chart-table:position:2-->');
  });
});
