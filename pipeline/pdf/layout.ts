/** Blocks → flows of chunks, by block kind. */
import type { Block } from '../types.ts';
import type { LayoutContext } from './context.ts';
import type { Flow } from './flow.ts';
import { box, figure } from './blocks-figure.ts';
import { stats, table } from './blocks-grid.ts';
import { heading, list, paragraph, quote } from './blocks-text.ts';

export function layoutBlocks(blocks: Block[], ctx: LayoutContext): Flow[] {
  return blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return heading(block, ctx);
      case 'paragraph':
        return paragraph(block, ctx);
      case 'list':
        return list(block, ctx);
      case 'quote':
        return quote(block, ctx);
      case 'stats':
        return stats(block, ctx);
      case 'table':
        return table(block, ctx);
      case 'figure':
        return figure(block, ctx);
      case 'box':
        return box(block, ctx, layoutBlocks);
    }
  });
}
