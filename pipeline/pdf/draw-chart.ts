/**
 * Replay a chart's recorded drawing (see charts/recorder.ts) into the PDF as vector graphics,
 * with text set in the embedded fonts. This replaces parsing the SVG back in: it is the same
 * scene, drawn by vega's own canvas renderer.
 */
import { styleFor, textWidth } from '../fonts.ts';
import {
  fills,
  hundredth as r,
  shows,
  strokeOfFill,
  strokes,
  type StrokeOp,
} from '../charts/recorder.ts';
import type { DrawOp, PathSeg } from '../types.ts';
import { setText } from './set-text.ts';

type Doc = PDFKit.PDFDocument;

function trace(doc: Doc, path: PathSeg[]): void {
  let x = Number.NaN;
  let y = Number.NaN;
  for (const seg of path) {
    if (seg[0] === 'M') doc.moveTo((x = r(seg[1])), (y = r(seg[2])));
    else if (seg[0] === 'L') {
      // vega starts a circle with a line to the point the path is already at: nothing to draw.
      if (r(seg[1]) !== x || r(seg[2]) !== y) doc.lineTo((x = r(seg[1])), (y = r(seg[2])));
    } else if (seg[0] === 'C') {
      doc.bezierCurveTo(
        r(seg[1]),
        r(seg[2]),
        r(seg[3]),
        r(seg[4]),
        (x = r(seg[5])),
        (y = r(seg[6])),
      );
    } else {
      doc.closePath();
      x = y = Number.NaN;
    }
  }
}

/**
 * The graphics state the replay has set, so that each colour, opacity and line style is written
 * once, when it changes, not again for every mark (a strip of 150 dots would otherwise set the
 * same grey 150 times). Unknown (undefined) until set; saved and restored with the PDF's own.
 */
interface Set {
  fill?: string;
  stroke?: string;
  line?: string;
}

class StateTracker {
  private state: Set = {};
  private readonly stack: Set[] = [];

  constructor(private readonly doc: Doc) {}

  save(): void {
    this.stack.push({ ...this.state });
    this.doc.save();
  }

  restore(): void {
    this.state = this.stack.pop() ?? {};
    this.doc.restore();
  }

  fill(colour: string, alpha: number): void {
    const key = `${colour} ${alpha}`;
    if (this.state.fill === key) return;
    this.doc.fillColor(colour, alpha);
    this.state.fill = key;
  }

  stroke(op: StrokeOp): void {
    const dashed = op.dash.length > 0 && op.dash.every((d) => d > 0);
    const line = `${op.width} ${op.cap} ${op.join} ${op.miter} ${dashed ? `${op.dash.join(',')}@${op.dashOffset}` : ''}`;
    if (this.state.line !== line) {
      this.doc
        .lineWidth(op.width)
        .lineCap(op.cap as 'butt')
        .lineJoin(op.join as 'miter')
        .miterLimit(op.miter);
      if (dashed) this.doc.dash(op.dash as unknown as number, { phase: op.dashOffset });
      else this.doc.undash();
      this.state.line = line;
    }
    const key = `${op.colour} ${op.alpha}`;
    if (this.state.stroke === key) return;
    this.doc.strokeColor(op.colour, op.alpha);
    this.state.stroke = key;
  }
}

/** "italic 600 9.5px Source Sans 3" → the embedded font and size. */
export function parseFont(font: string): { style: ReturnType<typeof styleFor>; size: number } {
  const size = Number(/([\d.]+)px/.exec(font)?.[1] ?? 10);
  const weight = /\b(bold|[1-9]00)\b/.exec(font)?.[1];
  return { style: styleFor(weight, /\bitalic\b/.test(font)), size };
}

export function drawChart(doc: Doc, ops: DrawOp[], x: number, y: number, scale: number): void {
  doc.save();
  doc.translate(x, y);
  if (scale !== 1) doc.scale(scale);
  const state = new StateTracker(doc);
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    switch (op.t) {
      case 'save':
        state.save();
        break;
      case 'restore':
        state.restore();
        break;
      case 'clip':
        trace(doc, op.path);
        doc.clip();
        break;
      case 'fill': {
        const stroke = strokeOfFill(ops, i);
        const filled = fills(op);
        if (stroke) {
          // Fill and stroke of one path: traced once, painted with one operator (B).
          trace(doc, op.path);
          if (filled) state.fill(op.colour, op.alpha);
          state.stroke(stroke);
          if (filled) doc.fillAndStroke(op.evenOdd ? 'even-odd' : undefined);
          else doc.stroke();
          i++;
        } else if (filled) {
          trace(doc, op.path);
          state.fill(op.colour, op.alpha);
          doc.fill(op.evenOdd ? 'even-odd' : 'non-zero');
        }
        break;
      }
      case 'stroke':
        if (!strokes(op)) break;
        trace(doc, op.path);
        state.stroke(op);
        doc.stroke();
        break;
      case 'text': {
        if (!shows(op)) break;
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
        setText(doc.font(style).fontSize(size).fillColor(op.colour, op.alpha), op.text, left, op.y);
        doc.restore();
        break;
      }
    }
  }
  doc.restore();
}
