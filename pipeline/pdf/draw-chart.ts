/**
 * Replay a chart's recorded drawing (see charts/recorder.ts) into the PDF as vector graphics,
 * with text set in the embedded fonts. This replaces parsing the SVG back in: it is the same
 * scene, drawn by vega's own canvas renderer.
 */
import { styleFor, textWidth } from '../fonts.ts';
import type { DrawOp, PathSeg } from '../types.ts';

type Doc = PDFKit.PDFDocument;

function trace(doc: Doc, path: PathSeg[]): void {
  for (const seg of path) {
    if (seg[0] === 'M') doc.moveTo(seg[1], seg[2]);
    else if (seg[0] === 'L') doc.lineTo(seg[1], seg[2]);
    else if (seg[0] === 'C') doc.bezierCurveTo(seg[1], seg[2], seg[3], seg[4], seg[5], seg[6]);
    else doc.closePath();
  }
}

/** "italic 600 9.5px Source Sans 3" → the embedded font and size. */
export function parseFont(font: string): { style: ReturnType<typeof styleFor>; size: number } {
  const size = Number(/([\d.]+)px/.exec(font)?.[1] ?? 10);
  const weight = /\b(bold|[1-9]00)\b/.exec(font)?.[1];
  return { style: styleFor(weight, /\bitalic\b/.test(font)), size };
}

const visible = (colour: string): boolean =>
  colour !== 'none' && colour !== 'transparent' && colour !== 'undefined' && colour !== 'null';

export function drawChart(doc: Doc, ops: DrawOp[], x: number, y: number, scale: number): void {
  doc.save();
  doc.translate(x, y);
  if (scale !== 1) doc.scale(scale);
  for (const op of ops) {
    switch (op.t) {
      case 'save':
        doc.save();
        break;
      case 'restore':
        doc.restore();
        break;
      case 'clip':
        trace(doc, op.path);
        doc.clip();
        break;
      case 'fill':
        if (!visible(op.colour) || op.alpha <= 0) break;
        trace(doc, op.path);
        doc.fillColor(op.colour, op.alpha).fill(op.evenOdd ? 'even-odd' : 'non-zero');
        break;
      case 'stroke':
        if (!visible(op.colour) || op.alpha <= 0 || op.width <= 0) break;
        trace(doc, op.path);
        doc
          .lineWidth(op.width)
          .lineCap(op.cap as 'butt')
          .lineJoin(op.join as 'miter')
          .miterLimit(op.miter);
        if (op.dash.length && op.dash.every((d) => d > 0))
          doc.dash(op.dash as unknown as number, { phase: op.dashOffset });
        else doc.undash();
        doc.strokeColor(op.colour, op.alpha).stroke();
        break;
      case 'text': {
        if (!visible(op.colour) || op.alpha <= 0) break;
        const { style, size } = parseFont(op.font);
        const width = textWidth(op.text, style, size);
        const left =
          op.align === 'center'
            ? op.x - width / 2
            : op.align === 'right' || op.align === 'end'
              ? op.x - width
              : op.x;
        doc.save();
        doc.transform(...op.m);
        doc
          .font(style)
          .fontSize(size)
          .fillColor(op.colour, op.alpha)
          .text(op.text, left, op.y, {
            lineBreak: false,
            baseline: 'alphabetic',
          } as PDFKit.Mixins.TextOptions);
        doc.restore();
        break;
      }
    }
  }
  doc.restore();
}
