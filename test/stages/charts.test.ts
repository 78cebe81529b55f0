import sharp from 'sharp';
import * as vega from 'vega';
import { beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_CHART_IDS, nationalCharts } from '../../pipeline/charts/specs/national.ts';
import { renderSvg } from '../../pipeline/charts/render.ts';
import { CHART_WIDTH } from '../../pipeline/charts/theme.ts';
import { textWidth } from '../../pipeline/fonts.ts';
import { renderCharts } from '../../pipeline/stages/charts.ts';
import type { ChartDef, ChartImage } from '../../pipeline/types.ts';
import { realValid } from '../helpers/project.ts';

let defs: ChartDef[];
let images: ChartImage[];

beforeAll(async () => {
  defs = nationalCharts(await realValid());
  images = await renderCharts(defs, { files: true });
});

describe('national chart specs', () => {
  it('has at least three charts, each with a title, alternative text, a source line and a data table', () => {
    expect(defs.length).toBeGreaterThanOrEqual(3);
    for (const def of defs) {
      expect(def.title.length).toBeGreaterThan(10);
      expect(def.alt.length).toBeGreaterThan(40);
      expect(def.sourceLine).toMatch(/^Source: /);
      expect(def.table.rows.length).toBeGreaterThan(0);
    }
  });

  it('makes exactly the charts validation lets a template place, in that order', () => {
    // {{chart "id"}} is checked against NATIONAL_CHART_IDS before anything is rendered.
    expect(defs.map((d) => d.id)).toEqual(NATIONAL_CHART_IDS);
  });

  it.each(['planned-vs-actual', 'days-by-year', 'days-by-reason', 'responsible-by-year'])(
    '%s matches its golden Vega-Lite spec',
    async (id) => {
      const def = defs.find((d) => d.id === id)!;
      await expect(`${JSON.stringify(def.spec, null, 2)}\n`).toMatchFileSnapshot(
        `../golden/national/${id}.vl.json`,
      );
    },
  );

  it("computes England's years from the monthly data, with the BCF year highlighted", () => {
    const byYear = defs.find((d) => d.id === 'days-by-year')!;
    expect(byYear.table.rows.find((r) => r[0] === '2015-16')).toEqual([
      '2015-16',
      '1,809,587',
      '+184,610',
    ]);
    const values = (byYear.spec.data as { values: { year: string; bcf: boolean }[] }).values;
    expect(values.filter((v) => v.bcf).map((v) => v.year)).toEqual(['2015-16']);
  });

  it('shows the reason not collected in 2015-16 as not collected, not as zero', () => {
    const reasons = defs.find((d) => d.id === 'days-by-reason')!;
    expect(reasons.table.rows.at(-1)).toEqual(['Other', 'not collected']);
    const values = (reasons.spec.data as { values: { reason: string }[] }).values;
    expect(values.map((v) => v.reason)).not.toContain('Other');
  });
});

describe('rendering', () => {
  it("measures chart text with the embedded font, not vega's estimate", () => {
    const metrics = (
      vega as unknown as { textMetrics: { width: (item: object, text: string) => number } }
    ).textMetrics;
    expect(metrics.width({ fontSize: 10 }, 'Illiteracy')).toBeCloseTo(
      textWidth('Illiteracy', 'regular', 10),
      5,
    );
    expect(metrics.width({ fontSize: 10 }, 'Illiteracy')).not.toBeCloseTo(0.8 * 10 * 10, 0);
  });

  it.each(['planned-vs-actual', 'days-by-year', 'days-by-reason', 'responsible-by-year'])(
    '%s is drawn at the column width with every label inside the image',
    async (id) => {
      const rendered = await renderSvg(defs.find((d) => d.id === id)!.spec);
      expect(rendered.width).toBe(CHART_WIDTH);
      expect(rendered.bounds.x1).toBeGreaterThanOrEqual(0);
      expect(rendered.bounds.y1).toBeGreaterThanOrEqual(0);
      expect(rendered.bounds.x2).toBeLessThanOrEqual(rendered.width);
      expect(rendered.bounds.y2).toBeLessThanOrEqual(rendered.height);
    },
  );

  it.each(['planned-vs-actual', 'days-by-year', 'days-by-reason', 'responsible-by-year'])(
    '%s is the size vega gives its own SVG of the chart',
    async (id) => {
      const image = images.find((i) => i.id === id)!;
      const spec = JSON.parse(image.files!.vegaSpec) as vega.Spec;
      const view = new vega.View(vega.parse(spec), { renderer: 'none' });
      const own = await view.toSVG();
      view.finalize();
      expect(image.svg).toMatch(/^<svg [^>]*width="(\d+)" height="(\d+)"/);
      const size = (svg: string) => /width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.slice(1);
      expect(size(image.svg)).toEqual(size(own));
      expect([String(image.width), String(image.height)]).toEqual(size(own));
    },
  );

  it.each(['planned-vs-actual', 'days-by-year', 'days-by-reason', 'responsible-by-year'])(
    '%s matches its golden SVG and Vega spec',
    async (id) => {
      const image = images.find((i) => i.id === id)!;
      await expect(image.svg).toMatchFileSnapshot(`../golden/national/${id}.svg`);
      await expect(image.files!.vegaSpec).toMatchFileSnapshot(`../golden/national/${id}.vg.json`);
    },
  );

  it('makes standalone PNGs at least 1200 px wide, with the title and source drawn in the SVG', async () => {
    for (const image of images) {
      const meta = await sharp(Buffer.from(await image.files!.png)).metadata();
      expect(meta.format).toBe('png');
      expect(meta.width).toBeGreaterThanOrEqual(1200);
      expect(image.files!.svg).toContain(image.title.replace(/'/g, '&#39;'));
      expect(image.files!.svg).toContain('Source: ');
    }
  });

  it('renders the same SVG twice', async () => {
    const again = await renderCharts(defs, { files: false });
    expect(again.map((i) => i.svg)).toEqual(images.map((i) => i.svg));
  });
});
