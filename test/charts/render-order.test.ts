/**
 * A view is reused from one briefing to the next, and vega keeps axis ticks whose value recurs
 * (adding new ones after them). A chart must not depend on what the view drew before: drawing
 * B, then A, then B again gives the first drawing of B byte for byte. A view is also kept when
 * only the layout changes (a worker's warm-up lays charts out without the real data), and then
 * draws what a new view of that layout draws.
 */
import { describe, expect, it } from 'vitest';
import { renderWithRows } from '../../pipeline/charts/render.ts';
import { fixedSpec } from '../../pipeline/charts/theme.ts';
import type { DrawOp } from '../../pipeline/types.ts';

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

describe('a chart view given a new layout', () => {
  const layout = (left: number, height: number) => ({
    ...spec,
    ...fixedSpec(height, { left, right: 10, top: 10, bottom: 30 }),
    title: 'Delayed days by year',
  });
  const texts = (ops: DrawOp[]) => ops.flatMap((op) => (op.t === 'text' ? [op.text] : []));

  it('draws what a view built for that layout draws', async () => {
    const warmUp = await renderWithRows(layout(40, 80), rows(110), 'layout');
    const relaid = await renderWithRows(layout(90, 120), rows(250), 'layout');
    // A spec that differs in something else gets a view of its own, built for this layout.
    const fresh = await renderWithRows(
      { ...layout(90, 120), description: 'a view of its own' },
      rows(250),
      'layout',
    );
    expect(relaid.width).toBe(warmUp.width);
    expect(relaid.height).toBe(warmUp.height + 40);
    expect(relaid.svg).not.toBe(warmUp.svg);
    expect(texts(relaid.ops)).toContain('200');
    expect(relaid.svg).toBe(fresh.svg);
    expect(relaid.ops).toEqual(fresh.ops);
    expect(relaid.bounds).toEqual(fresh.bounds);
    expect(relaid.vegaSpec()).toEqual({ ...(fresh.vegaSpec() as object), description: undefined });
  });
});
