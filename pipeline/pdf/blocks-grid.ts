/** Layout of grid blocks: key-figure tiles and tables with aligned numbers. */
import type { Block, Run } from '../types.ts';
import { drawLines, lazyElem, type LayoutContext } from './context.ts';
import type { Chunk, Flow } from './flow.ts';
import { naturalWidth, wrap, type Line } from './inline.ts';
import { COLOURS, CONTENT_BOTTOM, MARGIN, SPACE, TYPE, type TextStyle } from './style.ts';

type Of<K extends Block['kind']> = Extract<Block, { kind: K }>;

const GUTTER = 8;
const PAD = 8;

export function stats(block: Of<'stats'>, ctx: LayoutContext): Flow {
  const perRow = ctx.width > 400 ? 4 : 2;
  const tileWidth = (ctx.width - GUTTER * (perRow - 1)) / perRow;
  const inner = tileWidth - 2 * PAD - 3;
  const listElem = lazyElem(ctx.parent, 'L');
  const rows: Of<'stats'>['items'][] = [];
  for (let i = 0; i < block.items.length; i += perRow) rows.push(block.items.slice(i, i + perRow));
  const chunks = rows.map((row, r): Chunk => {
    const tiles = row.map((item) => ({
      value: wrap(item.value, TYPE.statValue, inner),
      label: wrap(item.label, TYPE.statLabel, inner),
    }));
    const contentHeight = Math.max(
      ...tiles.map(
        (t) =>
          t.value.length * TYPE.statValue.leading + 3 + t.label.length * TYPE.statLabel.leading,
      ),
    );
    const gap = r === 0 ? 0 : GUTTER;
    const height = gap + contentHeight + 2 * PAD;
    return {
      height,
      lines: Math.max(...tiles.map((t) => t.value.length + t.label.length)),
      draw: (p, y) => {
        tiles.forEach((tile, i) => {
          const x = ctx.x + i * (tileWidth + GUTTER);
          const top = y + gap;
          p.rect(x, top, tileWidth, height - gap, COLOURS.panel);
          p.rect(x, top, 3, height - gap, COLOURS.accent);
          const body = p.struct(p.struct(listElem(p), 'LI'), 'LBody');
          drawLines(p, body, tile.value, TYPE.statValue, x + 3 + PAD, top + PAD);
          drawLines(
            p,
            body,
            tile.label,
            TYPE.statLabel,
            x + 3 + PAD,
            top + PAD + tile.value.length * TYPE.statValue.leading + 3,
          );
        });
      },
    };
  });
  return { spaceBefore: SPACE.stats, together: true, chunks };
}

const longestWord = (runs: Run[], style: TextStyle): number =>
  Math.max(
    0,
    ...runs.flatMap((r) => r.text.split(/\s+/)).map((w) => naturalWidth([{ text: w }], style)),
  );

/** Column widths: numbers never wrap; text columns share what is left in proportion to their need. */
function columnWidths(block: Of<'table'>, width: number): number[] {
  const cols = block.header.map((head, c) => {
    const cells = block.rows.map((row) => row[c] ?? []);
    const body = Math.max(0, ...cells.map((cell) => naturalWidth(cell, TYPE.table)));
    const bodyMin = block.numeric[c]
      ? body
      : Math.max(0, ...cells.map((cell) => longestWord(cell, TYPE.table)));
    const min = Math.max(bodyMin, longestWord(head, TYPE.tableHead)) + GUTTER;
    const want = Math.max(body, naturalWidth(head, TYPE.tableHead)) + GUTTER;
    return { min, want };
  });
  const want = cols.reduce((s, c) => s + c.want, 0);
  if (want <= width) return cols.map((c, i) => c.want + (i === 0 ? width - want : 0));
  const min = cols.reduce((s, c) => s + c.min, 0);
  const stretch = cols.reduce((s, c) => s + (c.want - c.min), 0) || 1;
  return cols.map((c) => c.min + ((width - min) * (c.want - c.min)) / stretch);
}

export function table(block: Of<'table'>, ctx: LayoutContext): Flow {
  const widths = columnWidths(block, ctx.width);
  const tableElem = lazyElem(ctx.parent, 'Table');
  const caption = wrap(block.caption, TYPE.caption, ctx.width);
  const row = (cells: Run[][], head: boolean): { lines: Line[][]; height: number } => {
    const lines = cells.map((cell, c) =>
      wrap(cell, head ? TYPE.tableHead : TYPE.table, widths[c]! - GUTTER),
    );
    return { lines, height: Math.max(...lines.map((l) => l.length)) * TYPE.table.leading + 6 };
  };
  const drawRow = (
    p: Parameters<Chunk['draw']>[0],
    section: () => ReturnType<typeof tableElem>,
    r: ReturnType<typeof row>,
    y: number,
    head: boolean,
  ) => {
    const tr = p.struct(section(), 'TR');
    let x = ctx.x;
    r.lines.forEach((lines, c) => {
      const isHeader = head || c === 0;
      const cell = p.struct(
        tr,
        isHeader ? 'TH' : 'TD',
        isHeader ? { scope: head ? 'Column' : 'Row' } : {},
      );
      const right = block.numeric[c] === true;
      const style = head ? TYPE.tableHead : TYPE.table;
      lines.forEach((line, i) => {
        const lx = right ? x + widths[c]! - GUTTER / 2 - line.width : x;
        drawLines(p, cell, [line], style, lx, y + 3 + i * style.leading);
      });
      x += widths[c]!;
    });
    p.rule(
      ctx.x,
      y + r.height,
      ctx.x + ctx.width,
      head ? COLOURS.text : COLOURS.rule,
      head ? 1 : 0.5,
    );
  };
  const head = row(block.header, true);
  const thead = lazyElem(tableElem, 'THead');
  const tbody = lazyElem(tableElem, 'TBody');
  const captionHeight = caption.length * TYPE.caption.leading + 4;
  const chunks: Chunk[] = [
    {
      height: captionHeight + head.height,
      lines: caption.length + 1,
      draw: (p, y) => {
        if (caption.length)
          drawLines(p, p.struct(tableElem(p), 'Caption'), caption, TYPE.caption, ctx.x, y);
        drawRow(p, () => thead(p), head, y + captionHeight, true);
      },
    },
    ...block.rows.map((cells): Chunk => {
      const r = row(cells, false);
      return {
        height: r.height,
        lines: 1,
        draw: (p, y) => drawRow(p, () => tbody(p), r, y, false),
      };
    }),
  ];
  const total = chunks.reduce((s, c) => s + c.height, 0);
  return { spaceBefore: SPACE.table, together: total < CONTENT_BOTTOM - MARGIN.top, chunks };
}
