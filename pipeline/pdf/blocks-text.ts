/** Layout of text blocks: headings, paragraphs, lists and quotations. */
import type { Block, Run } from '../types.ts';
import { baseline, drawLines, lazyElem, type LayoutContext } from './context.ts';
import type { Flow } from './flow.ts';
import { wrap } from './inline.ts';
import { COLOURS, SPACE, TYPE } from './style.ts';
import { setText } from './set-text.ts';

type Of<K extends Block['kind']> = Extract<Block, { kind: K }>;

const plain = (runs: Run[]): string => runs.map((r) => r.text).join('');

export function heading(block: Of<'heading'>, ctx: LayoutContext): Flow {
  const style = block.level === 1 ? TYPE.h1 : block.level === 2 ? TYPE.h2 : TYPE.h3;
  const lines = wrap(block.runs, style, ctx.width);
  const ruled = block.level === 2;
  const top = ruled ? 9 : 0;
  return {
    spaceBefore: block.level === 1 ? 2 : block.level === 2 ? SPACE.h2 : SPACE.h3,
    keepWithNext: true,
    together: true,
    chunks: [
      {
        height: top + lines.length * style.leading + 3,
        lines: lines.length,
        draw: (p, y) => {
          if (ruled) p.rule(ctx.x, y + 1, ctx.x + ctx.width, COLOURS.accent, 1.5);
          const elem = p.struct(ctx.parent(p), `H${block.level}`);
          drawLines(p, elem, lines, style, ctx.x, y + top);
          if (block.id) p.doc.addNamedDestination(block.id, 'XYZ', ctx.x, y, null);
          const title = plain(block.runs);
          if (block.level === 3 && ctx.outline.current) ctx.outline.current.addItem(title);
          else if (block.level === 2) ctx.outline.current = p.doc.outline.addItem(title);
        },
      },
    ],
  };
}

export function paragraph(block: Of<'paragraph'>, ctx: LayoutContext): Flow {
  const style = TYPE[block.style === 'body' ? 'body' : block.style];
  const lines = wrap(block.runs, style, ctx.width);
  const elem = lazyElem(ctx.parent, 'P');
  return {
    spaceBefore: block.style === 'kicker' ? 0 : block.style === 'source' ? 4 : SPACE.paragraph,
    lines: true,
    keepWithNext: block.style === 'kicker',
    chunks: lines.map((line) => ({
      height: style.leading,
      lines: 1,
      draw: (p, y) => p.line(elem(p), line, ctx.x, baseline(style, y, 0)),
    })),
  };
}

const LIST_STYLES = {
  bullets: { text: TYPE.body, indent: 14 },
  plain: { text: TYPE.body, indent: 0 },
  sources: { text: TYPE.sources, indent: 18 },
  small: { text: TYPE.sources, indent: 12 },
} as const;

export function list(block: Of<'list'>, ctx: LayoutContext): Flow {
  const { text: style, indent } = LIST_STYLES[block.style];
  const listElem = lazyElem(ctx.parent, 'L');
  return {
    spaceBefore: SPACE.list,
    chunks: block.items.map((item, i) => {
      const lines = wrap(item.runs, style, ctx.width - indent);
      const gap =
        i === 0
          ? 0
          : block.style === 'small'
            ? 2
            : block.style === 'bullets'
              ? SPACE.item
              : SPACE.item + 3;
      return {
        height: gap + lines.length * style.leading,
        lines: lines.length,
        draw: (p, y) => {
          const li = p.struct(listElem(p), 'LI');
          const top = y + gap;
          const label = block.ordered
            ? `${i + 1}.`
            : block.style === 'bullets' || block.style === 'small'
              ? '•'
              : '';
          if (label) {
            const lbl = p.struct(li, 'Lbl');
            p.content(lbl, () =>
              setText(
                p.doc.font('regular').fontSize(style.size).fillColor(COLOURS.muted),
                label,
                ctx.x,
                baseline(style, top, 0),
              ),
            );
          }
          if (item.id) p.doc.addNamedDestination(item.id, 'XYZ', ctx.x, top, null);
          drawLines(p, p.struct(li, 'LBody'), lines, style, ctx.x + indent, top);
        },
      };
    }),
  };
}

export function quote(block: Of<'quote'>, ctx: LayoutContext): Flow {
  const indent = 14;
  const paras = block.paragraphs.map((runs) => wrap(runs, TYPE.quote, ctx.width - indent));
  const attribution = wrap(block.attribution, TYPE.attribution, ctx.width - indent);
  const textHeight = paras.reduce((h, l) => h + l.length * TYPE.quote.leading + 3, 0);
  const height = textHeight + attribution.length * TYPE.attribution.leading;
  return {
    spaceBefore: SPACE.quote,
    together: true,
    chunks: [
      {
        height,
        lines: paras.flat().length + attribution.length,
        draw: (p, y) => {
          p.artifact(() => p.doc.rect(ctx.x, y, 3, height).fill(COLOURS.rule));
          const elem = p.struct(ctx.parent(p), 'BlockQuote');
          let top = y;
          for (const lines of paras) {
            drawLines(p, p.struct(elem, 'P'), lines, TYPE.quote, ctx.x + indent, top);
            top += lines.length * TYPE.quote.leading + 3;
          }
          drawLines(p, p.struct(elem, 'P'), attribution, TYPE.attribution, ctx.x + indent, top);
        },
      },
    ],
  };
}
