/** Layout of figures (charts replayed as vector graphics) and boxed asides. */
import { PipelineError } from '../errors.ts';
import type { Block } from '../types.ts';
import { drawLines, lazyElem, type LayoutContext } from './context.ts';
import { drawChart } from './draw-chart.ts';
import type { Chunk, Flow } from './flow.ts';
import { wrap } from './inline.ts';
import { COLOURS, SPACE, TYPE } from './style.ts';

type Of<K extends Block['kind']> = Extract<Block, { kind: K }>;

export function figure(block: Of<'figure'>, ctx: LayoutContext): Flow {
  const chart = ctx.charts.get(block.chartId);
  if (!chart)
    throw new PipelineError('TEMPLATE_CHART_UNKNOWN', `no chart "${block.chartId}" was rendered`, {
      file: 'pipeline/stages/charts.ts',
    });
  const scale = Math.min(1, ctx.width / chart.width);
  const w = chart.width * scale;
  const h = chart.height * scale;
  const caption = wrap(block.title, TYPE.caption, ctx.width);
  const source = wrap(block.sourceLine, TYPE.source, ctx.width);
  const captionHeight = caption.length * TYPE.caption.leading + 4;
  const height = captionHeight + h + 4 + source.length * TYPE.source.leading;
  const group = lazyElem(ctx.parent, 'Div');
  return {
    spaceBefore: SPACE.figure,
    together: true,
    chunks: [
      {
        height,
        lines: caption.length + source.length + 2,
        draw: (p, y) => {
          drawLines(p, p.struct(group(p), 'Caption'), caption, TYPE.caption, ctx.x, y);
          const top = y + captionHeight;
          const fig = p.struct(group(p), 'Figure', {
            alt: chart.alt,
            bbox: [ctx.x, top, ctx.x + w, top + h],
            placement: 'Block',
          } as never);
          p.content(fig, () => drawChart(p.doc, chart.ops, ctx.x, top, scale));
          drawLines(p, p.struct(group(p), 'P'), source, TYPE.source, ctx.x, top + h + 4);
        },
      },
    ],
  };
}

const BOX_PAD = 12;

/** A boxed aside: its blocks laid out narrower, each chunk drawing its own slice of the panel. */
export function box(
  block: Of<'box'>,
  ctx: LayoutContext,
  layout: (blocks: Block[], ctx: LayoutContext) => Flow[],
): Flow {
  const inner: LayoutContext = {
    ...ctx,
    x: ctx.x + BOX_PAD + 4,
    width: ctx.width - 2 * BOX_PAD - 4,
    parent: lazyElem(ctx.parent, 'Div'),
  };
  const flows = layout(block.blocks, inner);
  const pieces = flows.flatMap((f, i) =>
    f.chunks.map((c, j) => ({ chunk: c, space: j === 0 && i > 0 ? f.spaceBefore : 0 })),
  );
  const chunks = pieces.map(({ chunk, space }, i): Chunk => {
    const top = (i === 0 ? BOX_PAD : 0) + space;
    const bottom = i === pieces.length - 1 ? BOX_PAD : 0;
    const height = top + chunk.height + bottom;
    return {
      height,
      lines: chunk.lines,
      draw: (p, y) => {
        p.rect(ctx.x, y, ctx.width, height, COLOURS.panel);
        p.rect(ctx.x, y, 4, height, COLOURS.highlight);
        chunk.draw(p, y + top);
      },
    };
  });
  const total = chunks.reduce((s, c) => s + c.height, 0);
  return { spaceBefore: SPACE.box, together: total < 600, chunks };
}
