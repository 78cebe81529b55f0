/** The area briefing's position chart: one dot per area, this area's dot highlighted and labelled. */
import { beforeAll, describe, expect, it } from 'vitest';
import { beeswarm } from '../../pipeline/charts/beeswarm.ts';
import { renderWithRows, type RenderedSvg } from '../../pipeline/charts/render.ts';
import { ordinal, positionChart } from '../../pipeline/charts/specs/area-position.ts';
import { MAX_DOTS } from '../../pipeline/charts/specs/area-position-spec.ts';
import { areaLayouts } from '../../pipeline/charts/specs/area.ts';
import { PALETTE } from '../../pipeline/charts/theme.ts';
import { buildAreaModels } from '../../pipeline/domain/area-model.ts';
import type { AreaDistribution, AreaModel, ChartDef } from '../../pipeline/types.ts';
import { realValid } from '../helpers/project.ts';

let models: AreaModel[];
let distribution: AreaDistribution;

beforeAll(async () => {
  ({ models, distribution } = buildAreaModels((await realValid()).dtoc));
});

const chartFor = (slug: string): ChartDef => {
  const model = models.find((m) => m.slug === slug)!;
  return positionChart(model, distribution, areaLayouts(distribution).position);
};
const render = (def: ChartDef): Promise<RenderedSvg> => renderWithRows(def.spec, def.rows!);

/** The dots drawn (filled circles), by colour, at their centres, from the chart's drawing. */
function dots(rendered: RenderedSvg): Map<string, { x: number; y: number }[]> {
  const out = new Map<string, { x: number; y: number }[]>();
  for (const op of rendered.ops) {
    if (op.t !== 'fill' || !op.path.some((seg) => seg[0] === 'C')) continue;
    const xs = op.path.flatMap((seg) =>
      seg[0] === 'Z' ? [] : seg.slice(1).filter((_, i) => i % 2 === 0),
    );
    const ys = op.path.flatMap((seg) =>
      seg[0] === 'Z' ? [] : seg.slice(1).filter((_, i) => i % 2 === 1),
    );
    const centre = {
      x: (Math.min(...(xs as number[])) + Math.max(...(xs as number[]))) / 2,
      y: (Math.min(...(ys as number[])) + Math.max(...(ys as number[]))) / 2,
    };
    out.set(op.colour, [...(out.get(op.colour) ?? []), centre]);
  }
  return out;
}

/** Where `x` falls between the leftmost and rightmost dots, from 0 to 1. */
const along = (x: number, all: { x: number }[]) => {
  const lo = Math.min(...all.map((d) => d.x));
  const hi = Math.max(...all.map((d) => d.x));
  return (x - lo) / (hi - lo);
};

const byChange = (a: AreaDistribution['areas'][number], b: AreaDistribution['areas'][number]) =>
  a.changePct! - b.changePct!;

describe('position chart', () => {
  it('draws one dot per area, and exactly one highlighted dot, on top of the area’s own', async () => {
    const derby = chartFor('derby');
    const rendered = await render(derby);
    const { svg } = rendered;
    const drawn = dots(rendered);
    expect([...drawn.keys()].sort()).toEqual([PALETTE.midGrey, PALETTE.orange].sort());
    const grey = drawn.get(PALETTE.midGrey)!;
    const known = distribution.areas.filter((a) => a.changePct !== null);
    expect(grey).toHaveLength(known.length);
    const here = drawn.get(PALETTE.orange)!;
    expect(here).toHaveLength(1);
    // At Derby's value: the same place as exactly one of the grey dots, and on the scale between
    // the largest fall and the largest rise.
    const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;
    expect(grey.filter((d) => close(d.x, here[0]!.x) && close(d.y, here[0]!.y))).toHaveLength(1);
    const changes = known.map((a) => a.changePct!);
    const [lo, hi] = [Math.min(...changes), Math.max(...changes)];
    expect(along(here[0]!.x, grey)).toBeCloseTo((43.9 - lo) / (hi - lo), 6);
    expect(svg).toContain('>Derby +43.9%</text>');
    expect(svg).toContain('>England +11.4%</text>');
  });

  it('never lets two dots overlap, and lays them out the same whatever the order of the areas', () => {
    const points = distribution.areas.map((a, i) => ({
      key: a.slug,
      x: (a.changePct ?? 0) + (i % 3),
    }));
    const swarm = beeswarm(points, 5);
    expect(beeswarm([...points].reverse(), 5)).toEqual(swarm);
    let closest = Infinity;
    for (const [i, a] of points.entries())
      for (const b of points.slice(i + 1))
        closest = Math.min(closest, Math.hypot(a.x - b.x, swarm.get(a.key)! - swarm.get(b.key)!));
    expect(closest).toBeGreaterThanOrEqual(5 - 1e-6);
  });

  it('keeps the labels of the largest rise and the largest fall inside the chart', async () => {
    const sorted = distribution.areas.filter((a) => a.changePct !== null).sort(byChange);
    for (const area of [sorted[0]!, sorted.at(-1)!]) {
      const rendered = await render(chartFor(area.slug));
      expect(rendered.svg, area.slug).toContain(`>${area.name} `);
      expect(rendered.bounds.x1, area.slug).toBeGreaterThanOrEqual(0);
      expect(rendered.bounds.y1, area.slug).toBeGreaterThanOrEqual(0);
      expect(rendered.bounds.x2, area.slug).toBeLessThanOrEqual(rendered.width);
      expect(rendered.bounds.y2, area.slug).toBeLessThanOrEqual(rendered.height);
    }
  });

  it("describes the chart from the numbers; its table has the extremes and the area's neighbours", () => {
    const derby = chartFor('derby');
    expect(derby.alt).toBe(
      "Strip plot of the change in delayed days in 2015-16 on the year before in each of 150 areas, one dot per area, from −58.5% (Darlington) to +174.2% (Tameside). The change in Derby, +43.9%, was 23rd of 150 (1st is the largest rise); England's was +11.4%.",
    );
    expect(chartFor('tameside').alt).toContain(
      'Tameside, +174.2%, was the largest rise of all 150',
    );
    expect(chartFor('darlington').alt).toContain(
      'Darlington, −58.5%, was the largest fall of all 150',
    );
    expect(derby.table.rows.filter((r) => r[0]!.endsWith('(this area)'))).toEqual([
      ['Derby (this area)', '+43.9%', '23rd of 150'],
    ]);
    // The largest rise, then Derby (23rd) with the five either side, then the largest fall:
    // a table that does not grow with the number of areas.
    expect(derby.table.rows.map((r) => r[2])).toEqual([
      '1st of 150',
      ...[18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28].map((n) => `${ordinal(n)} of 150`),
      '150th of 150',
    ]);
    expect(derby.table.rows[0]![0]).toBe('Tameside');
    expect(derby.table.rows.at(-1)![0]).toBe('Darlington');
    // At the top, the neighbours and the largest rise are the same rows, not repeated.
    expect(chartFor('tameside').table.rows.map((r) => r[2])).toEqual([
      ...[1, 2, 3, 4, 5, 6].map((n) => `${ordinal(n)} of 150`),
      '150th of 150',
    ]);
  });

  it('draws the same SVG for an area whichever area was drawn before', async () => {
    const first = (await render(chartFor('derby'))).svg;
    await render(chartFor('tameside'));
    expect((await render(chartFor('derby'))).svg).toBe(first);
    await expect(first).toMatchFileSnapshot('../golden/areas/position-derby.svg');
  });
});

describe('position chart with more areas than a strip has room for', () => {
  it('lets each dot stand for a few neighbouring areas, says so, and still puts this area exactly', async () => {
    // Ten copies of every area, each a little apart: 1,500 areas.
    const many: AreaDistribution = {
      ...distribution,
      areas: distribution.areas.flatMap((a) =>
        Array.from({ length: 10 }, (_, k) => ({
          ...a,
          slug: `${a.slug}-${k}`,
          name: `${a.name} ${k}`,
          changePct: a.changePct === null ? null : a.changePct + k / 100,
        })),
      ),
    };
    const derby = models.find((m) => m.slug === 'derby')!;
    const model = { ...derby, slug: 'derby-0' };
    const def = positionChart(model, many, areaLayouts(many).position);
    const rendered = await render(def);
    const { svg } = rendered;
    const known = many.areas.filter((a) => a.changePct !== null).length;
    const per = Math.ceil(known / MAX_DOTS);
    expect(per).toBeGreaterThan(1);
    const grey = dots(rendered).get(PALETTE.midGrey)!;
    expect(grey).toHaveLength(Math.ceil(known / per));
    expect(grey.length).toBeLessThanOrEqual(MAX_DOTS);
    expect(svg).toContain(`one dot per ${per} areas`);
    // Counts and positions of a thousand or more are written with a thousands separator.
    expect(def.alt).toContain(
      `in each of ${known.toLocaleString('en-GB')} areas, one dot per ${per} areas`,
    );
    const positions = def.table!.rows.map((row) => row.at(-1)!);
    for (const p of positions) expect(p).toMatch(/^\d{1,3}(,\d{3})*(st|nd|rd|th) of 1,\d{3}$/);
    expect(positions.some((p) => /^1,\d{3}/.test(p))).toBe(true);
    const here = dots(rendered).get(PALETTE.orange)!;
    expect(here).toHaveLength(1);
    // This area's own dot is exact: set against another area's, at the scale's own spacing.
    const tameside = models.find((m) => m.slug === 'tameside')!;
    const other = dots(
      await render(
        positionChart({ ...tameside, slug: 'tameside-0' }, many, areaLayouts(many).position),
      ),
    ).get(PALETTE.orange)!;
    const [lo, hi] = (def.spec.encoding as { x: { scale: { domain: number[] } } }).x.scale
      .domain as [number, number];
    const perPoint = (def.spec.width as number) / (hi - lo);
    expect(other[0]!.x - here[0]!.x).toBeCloseTo((174.2 - 43.9) * perPoint, 6);
  });
});
