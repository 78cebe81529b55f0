/**
 * Replaying a chart's drawing into the PDF: a mark's fill and stroke of one path are painted with
 * one operator, and a colour or line style is written when it changes, not for every mark, while
 * a restore of the graphics state is respected (what was set inside must be set again after).
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../pipeline/pdf/draw-chart.ts';
import type { DrawOp, PathSeg } from '../../pipeline/types.ts';

function contentOf(ops: DrawOp[]): Promise<string> {
  const doc = new PDFDocument({ compress: false, autoFirstPage: false });
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise<string>((resolve) =>
    doc.on('end', () => {
      const pdf = Buffer.concat(parts).toString('latin1');
      // The page's content stream: the one that starts by flipping the y axis.
      const stream = /stream\n(1 0 0 -1 0 [\d.]+ cm[\s\S]*?)\nendstream/.exec(pdf);
      resolve(stream?.[1] ?? '');
    }),
  );
  doc.addPage({ size: 'A4' });
  drawChart(doc, ops, 10, 10, 1);
  doc.end();
  return done;
}

const circle = (x: number): PathSeg[] => [
  ['M', x + 2, 5],
  ['L', x + 2, 5],
  ['C', x + 2, 6, x + 1, 7, x, 7],
  ['C', x - 1, 7, x - 2, 6, x - 2, 5],
  ['Z'],
];

const dot = (x: number, colour = '#8c8c8c'): DrawOp[] => {
  const path = circle(x);
  const stroke = {
    t: 'stroke' as const,
    path: [...path],
    colour: '#ffffff',
    alpha: 1,
    width: 0.5,
    cap: 'butt',
    join: 'miter',
    miter: 10,
    dash: [],
    dashOffset: 0,
  };
  return [{ t: 'fill', path: [...path], colour, alpha: 0.8, evenOdd: false }, stroke];
};

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

describe('drawing a recorded chart into the PDF', () => {
  it('paints a filled and stroked path with one operator, traced once', async () => {
    const content = await contentOf([...dot(10), ...dot(20), ...dot(30)]);
    expect(count(content, /^B$/gm)).toBe(3);
    expect(count(content, /^[fS]$/gm)).toBe(0);
    expect(count(content, / c$/gm)).toBe(6);
    // The line to where the path already is, after its move, is not drawn.
    expect(count(content, / l$/gm)).toBe(0);
  });

  it('sets a colour, an opacity and a line style once for marks that share them', async () => {
    const content = await contentOf([...dot(10), ...dot(20), ...dot(30)]);
    expect(count(content, /^0\.549\S* 0\.549\S* 0\.549\S* scn$/gm)).toBe(1);
    expect(count(content, /^1 1 1 SCN$/gm)).toBe(1);
    expect(count(content, / gs$/gm)).toBe(2);
    expect(count(content, /^0\.5 w$/gm)).toBe(1);
  });

  it('knows what a restore brings back, and what it undoes', async () => {
    // Grey set before the save is grey again after the restore: not set again.
    const kept = await contentOf([
      ...dot(10),
      { t: 'save' },
      ...dot(20, '#d4351c'),
      { t: 'restore' },
      ...dot(30),
    ]);
    expect(count(kept, /^0\.549\S* 0\.549\S* 0\.549\S* scn$/gm)).toBe(1);
    expect(count(kept, /^0\.831\S* 0\.207\S* 0\.109\S* scn$/gm)).toBe(1);
    // Grey first set inside a save is gone after the restore: set again.
    const undone = await contentOf([{ t: 'save' }, ...dot(10), { t: 'restore' }, ...dot(20)]);
    expect(count(undone, /^0\.549\S* 0\.549\S* 0\.549\S* scn$/gm)).toBe(2);
    expect(count(undone, /^0\.5 w$/gm)).toBe(2);
  });
});
