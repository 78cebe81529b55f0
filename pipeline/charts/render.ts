/**
 * Vega-Lite spec → Vega spec → a recorded drawing (vega.View with renderer "none", drawn once
 * through vega's canvas renderer) for the PDF and as SVG, measuring text with the embedded font so
 * labels fit, and SVG → PNG with sharp (librsvg) using the same font files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { styleFor, textWidth, TTF_DIR } from '../fonts.ts';
import type { DrawOp } from '../types.ts';
import { svgFromOps } from './ops-svg.ts';
import { RecordingContext } from './recorder.ts';
import { CHART_WIDTH } from './theme.ts';

let metricsInstalled = false;

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
  fontStyle?: string;
}

/** Replace vega's crude width estimate (0.8 × size per character) with the real font's advance widths. */
function installTextMetrics(): void {
  if (metricsInstalled) return;
  // vega re-exports vega-scenegraph's textMetrics, but its typings omit it.
  const metrics = (
    vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }
  ).textMetrics;
  metrics.width = (item, text) => {
    const value = text == null ? '' : String(text).trim();
    return textWidth(
      value,
      styleFor(item.fontWeight, item.fontStyle === 'italic'),
      item.fontSize ?? 11,
    );
  };
  metricsInstalled = true;
}

export interface RenderedSvg {
  svg: string;
  ops: DrawOp[];
  /** The Vega spec drawn (compiled on demand: only the standalone chart files keep it). */
  vegaSpec: () => object;
  width: number;
  height: number;
  /** Extent of every mark and label; inside 0..width × 0..height when nothing is clipped. */
  bounds: { x1: number; y1: number; x2: number; y2: number };
}

interface ViewInternals {
  _viewWidth: number;
  _viewHeight: number;
  scenegraph(): { root: { bounds: { x1: number; y1: number; x2: number; y2: number } } };
}

/**
 * Draw the view's scene once, through vega's canvas renderer into a recorder: the operations are
 * replayed into the PDF as vectors and written out as the HTML's SVG (see ops-svg.ts). `id` names
 * the SVG's clip paths.
 */
async function draw(view: vega.View, spec: () => object, id: string): Promise<RenderedSvg> {
  const recorder = new RecordingContext();
  await view.toCanvas(1, { externalContext: recorder } as never);
  // The size vega gives its own SVG and canvas, once the view has run: the view plus its padding.
  const internals = view as unknown as ViewInternals;
  const padding = view.padding() as { left: number; top: number; right: number; bottom: number };
  const width = Math.max(0, internals._viewWidth + padding.left + padding.right);
  const height = Math.max(0, internals._viewHeight + padding.top + padding.bottom);
  // Everything drawn, text included (measured with the real font), in SVG coordinates.
  const b = internals.scenegraph().root.bounds;
  // The scene's origin in the SVG is the view's padding plus its autosize offset (as vega-view's
  // own offset()); a fixed-layout spec's padding is not in origin() at all.
  const [originX, originY] = view.origin();
  const left = padding.left + originX;
  const top = padding.top + originY;
  return {
    svg: svgFromOps(recorder.ops, width, height, id),
    ops: recorder.ops,
    vegaSpec: spec,
    width,
    height,
    bounds: { x1: b.x1 + left, y1: b.y1 + top, x2: b.x2 + left, y2: b.y2 + top },
  };
}

/** A Vega-Lite warning means a spec does not say what it means: treat it as an error. */
const strictLogger = {
  level(..._: unknown[]) {
    return strictLogger;
  },
  error(...args: unknown[]): never {
    throw new Error(`Vega-Lite: ${args.join(' ')}`);
  },
  warn(...args: unknown[]): never {
    throw new Error(`Vega-Lite warning: ${args.join(' ')}`);
  },
  info: () => strictLogger,
  debug: () => strictLogger,
};

const compile = (vlSpec: Record<string, unknown>) =>
  vegaLite.compile(vlSpec as unknown as vegaLite.TopLevelSpec, { logger: strictLogger as never })
    .spec;

async function renderOnce(vlSpec: Record<string, unknown>, id: string): Promise<RenderedSvg> {
  const spec = compile(vlSpec);
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await draw(view, () => spec, id);
  } finally {
    view.finalize();
  }
}

/** A view built for a shared spec, and the layout (size and padding) it has now. */
interface SharedView {
  view: vega.View;
  layout: string;
  /** The Vega spec of the current layout, compiled when it is asked for. */
  spec: () => object;
}

/** One compiled view per shared spec (whatever its layout), kept for the process (or worker). */
const views = new Map<string, SharedView>();

const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/**
 * Render a spec shared by many briefings with this briefing's rows: the spec is compiled and its
 * view built once, then only the named dataset "table" changes. Shared specs have a fixed layout
 * (see charts/theme.ts fixedSpec), so the output does not depend on the briefing drawn before.
 * The layout comes from the widest labels of all areas, so a worker's warm-up, which has not seen
 * the data, lays a chart out differently: the view it built is kept, and given the new size and
 * padding, rather than built again (test/charts/render-order.test.ts checks that it draws what a
 * new view would).
 */
export async function renderWithRows(
  vlSpec: Record<string, unknown>,
  rows: Record<string, unknown>[],
  id = 'chart',
): Promise<RenderedSvg> {
  installTextMetrics();
  const { width, height, padding, ...rest } = vlSpec;
  const key = JSON.stringify(rest);
  const layout = JSON.stringify([width, height, padding]);
  let shared = views.get(key);
  if (!shared) {
    const spec = compile(vlSpec);
    shared = {
      view: new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.Error }),
      layout,
      spec: () => spec,
    };
    views.set(key, shared);
  } else if (shared.layout !== layout) {
    shared.view
      .width(width as number)
      .height(height as number)
      .padding(padding as vega.Padding);
    shared.layout = layout;
    shared.spec = once(() => compile(vlSpec));
  }
  shared.view.data(
    'table',
    rows.map((r) => ({ ...r })),
  );
  await shared.view.runAsync();
  inFreshOrder(shared.view);
  return draw(shared.view, shared.spec, id);
}

interface SceneNode {
  role?: string;
  items?: SceneNode[];
  datum?: { index?: unknown };
}

/**
 * Axis ticks, grid lines and labels, and legend entries, are kept from one run of a view to the
 * next when their value recurs, and new ones are added after them: left alone, their order in
 * the SVG (and the PDF) would depend on the briefing the view drew before. Vega numbers each in
 * scale order (`datum.index`), which is the order a new view draws them in, so they are put back
 * in that order before drawing. (Emptying the view before each briefing does the same, at the
 * cost of a second run of the whole dataflow.)
 */
function inFreshOrder(view: vega.View): void {
  const visit = (node: SceneNode) => {
    const items = node.items;
    if (!items) return;
    if (node.role && /^(axis|legend)/.test(node.role) && items.length > 1) {
      const index = (item: SceneNode) =>
        typeof item.datum?.index === 'number' ? item.datum.index : Number.NEGATIVE_INFINITY;
      items.sort((a, b) => index(a) - index(b));
    }
    for (const item of items) visit(item);
  };
  visit((view.scenegraph() as unknown as { root: SceneNode }).root);
}

/**
 * Render at exactly CHART_WIDTH. Single views use autosize "fit"; concatenated views cannot, so
 * their inner width is corrected once from the first render's overall width.
 */
export async function renderSvg(
  vlSpec: Record<string, unknown>,
  id = 'chart',
): Promise<RenderedSvg> {
  installTextMetrics();
  const first = await renderOnce(vlSpec, id);
  const panels = vlSpec.vconcat as Record<string, unknown>[] | undefined;
  if (!panels || first.width === CHART_WIDTH) return first;
  const extra = first.width - CHART_WIDTH;
  const resized = panels.map((p) => ({ ...p, width: Number(p.width) - extra }));
  return renderOnce({ ...vlSpec, vconcat: resized }, id);
}

let fontconfigReady = false;

/** Point fontconfig (inside sharp's librsvg) at the bundled fonts before sharp loads. */
function useBundledFonts(): void {
  if (fontconfigReady) return;
  const dir = join(tmpdir(), 'briefing-fontconfig');
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'fonts.conf');
  writeFileSync(
    config,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${TTF_DIR}</dir>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  process.env.FONTCONFIG_FILE = config;
  fontconfigReady = true;
}

/** PNG at least `minWidth` pixels wide, drawn from the SVG by librsvg with the bundled fonts. */
export async function renderPng(
  svg: string,
  svgWidth: number,
  minWidth = 1200,
): Promise<Uint8Array> {
  useBundledFonts();
  const { default: sharp } = await import('sharp');
  const scale = Math.ceil((minWidth / svgWidth) * 4) / 4;
  return new Uint8Array(
    await sharp(Buffer.from(svg), { density: 72 * scale })
      .png({ compressionLevel: 6 })
      .toBuffer(),
  );
}
