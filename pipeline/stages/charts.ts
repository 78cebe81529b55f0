/**
 * Stage 2: charts. Each chart definition (a pure Vega-Lite spec) becomes a recorded drawing for the
 * PDF and an SVG for the HTML; with `files`, also a standalone SVG and PNG with its title and
 * source drawn in.
 */
import type { ChartDef, ChartImage } from '../types.ts';
import { renderPng, renderSvg, renderWithRows } from '../charts/render.ts';
import { composeStandalone } from '../charts/standalone.ts';
import { PipelineError } from '../errors.ts';
import * as msg from '../messages/index.ts';

export interface ChartOptions {
  /** Also make standalone SVG and PNG files (out/charts/<id>.svg and .png). */
  files: boolean;
}

/** The PNG being drawn, if any: the next waits for it. */
let drawing: Promise<unknown> = Promise.resolve();

async function renderChart(def: ChartDef, options: ChartOptions): Promise<ChartImage> {
  try {
    const rendered = def.rows
      ? await renderWithRows(def.spec, def.rows, def.id)
      : await renderSvg(def.spec, def.id);
    const image: ChartImage = {
      ...def,
      svg: rendered.svg,
      ops: rendered.ops,
      width: rendered.width,
      height: rendered.height,
    };
    if (!options.files) return image;
    const standalone = composeStandalone(
      rendered.svg,
      rendered.width,
      rendered.height,
      def.title,
      def.sourceLine,
    );
    // The PNG is drawn by libvips while the briefing is made; it is awaited when the files are
    // written (and not left unhandled meanwhile). One at a time: each holds a thread of libuv's
    // small pool (four) that file reads and writes also need, the workers' included.
    const png = drawing
      .then(() => renderPng(standalone.svg, standalone.width))
      .catch((error: unknown) => {
        throw chartError(def, error);
      });
    drawing = png.catch(() => undefined);
    return {
      ...image,
      files: {
        svg: standalone.svg,
        png,
        vegaSpec: `${JSON.stringify(rendered.vegaSpec(), null, 2)}\n`,
      },
    };
  } catch (error) {
    throw chartError(def, error);
  }
}

/** Located at the chart's id among the specs (pipeline/charts/specs/), with vega's reason. */
function chartError(def: ChartDef, error: unknown): PipelineError {
  const m = msg.chartRender(def.id, (error as Error).message);
  return new PipelineError(
    m.code,
    m.message,
    { file: 'pipeline/charts/specs', field: def.id },
    m.hint,
    { cause: error },
  );
}

/** Render charts one after another: a shared view draws one briefing's chart at a time. */
export async function renderCharts(defs: ChartDef[], options: ChartOptions): Promise<ChartImage[]> {
  const images: ChartImage[] = [];
  for (const def of defs) images.push(await renderChart(def, options));
  return images;
}
