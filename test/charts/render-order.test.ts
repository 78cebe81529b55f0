/**
 * A view is reused from one briefing to the next, and vega keeps axis ticks whose value recurs
 * (adding new ones after them). A chart must not depend on what the view drew before: drawing
 * B, then A, then B again gives the first drawing of B byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { renderWithRows } from '../../pipeline/charts/render.ts';
import { fixedSpec } from '../../pipeline/charts/theme.ts';

const spec = {
  ...fixedSpec(80, { left: 40, right: 10, top: 10, bottom: 30 }),
  data: { name: 'table' },
  mark: 'bar',
  encoding: {
    x: { field: 'year', type: 'ordinal', title: 'Year' },
    y: { field: 'days', type: 'quantitative', title: 'Delayed days' },
  },
};

const rows = (top: number) =>
  ['2016', '2017', '2018'].map((year, i) => ({ year, days: (top * (i + 1)) / 3 }));

describe('a reused chart view', () => {
  it('draws the same chart whatever it drew before', async () => {
    // Up to 110 the axis has ticks 0, 50, 100; up to 250, 0, 100, 200: 100 recurs, and a view
    // that kept it would draw 0, 100, 50.
    const first = await renderWithRows(spec, rows(110));
    const other = await renderWithRows(spec, rows(250));
    const again = await renderWithRows(spec, rows(110));
    expect(other.svg).not.toBe(first.svg);
    expect(again.svg).toBe(first.svg);
    expect(again.ops).toEqual(first.ops);
  });
});
