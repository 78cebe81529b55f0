/**
 * A stand-in for a canvas 2D context that records what vega draws, so a chart can be replayed
 * into the PDF as vector graphics later (see pdf/draw-chart.ts), without serialising to SVG and
 * parsing it back. As a canvas does, it applies the current transform to each point as a path is
 * built, so paths are recorded in chart coordinates; text keeps its transform. Only the parts of
 * the canvas API that vega's renderer uses are provided.
 */
import type { DrawOp, Matrix, PathSeg } from '../types.ts';

// What a replay of the recorded drawing needs to know about it: the PDF (pdf/draw-chart.ts) and
// the SVG (ops-svg.ts) paint the same operations and leave out the same ones.

export type FillOp = Extract<DrawOp, { t: 'fill' }>;
export type StrokeOp = Extract<DrawOp, { t: 'stroke' }>;
export type TextOp = Extract<DrawOp, { t: 'text' }>;

/**
 * A coordinate to a hundredth of a point (a thirtieth of a pixel at 300 dpi): vega's arithmetic
 * gives six decimals that no printer or screen can show, and a strip of 150 dots is otherwise
 * mostly digits to write and compress.
 */
export const hundredth = (v: number): number => Math.round(v * 100) / 100;

/** A colour that paints something. */
export const visible = (colour: string): boolean =>
  colour !== 'none' && colour !== 'transparent' && colour !== 'undefined' && colour !== 'null';

export const fills = (op: FillOp): boolean => visible(op.colour) && op.alpha > 0;
export const strokes = (op: StrokeOp): boolean =>
  visible(op.colour) && op.alpha > 0 && op.width > 0;
export const shows = (op: TextOp): boolean => visible(op.colour) && op.alpha > 0;

/**
 * The stroke that follows fill `i` on the same path, if it shows: vega fills and then strokes a
 * mark's path (sharing its segments), and a replay paints the two at once.
 */
export function strokeOfFill(ops: DrawOp[], i: number): StrokeOp | undefined {
  const fill = ops[i] as FillOp;
  const next = ops[i + 1];
  return next?.t === 'stroke' &&
    next.path.length === fill.path.length &&
    next.path.every((seg, k) => seg === fill.path[k]) &&
    strokes(next)
    ? next
    : undefined;
}

const KAPPA = (4 / 3) * (Math.SQRT2 - 1);
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

// The arithmetic below indexes its arrays rather than destructuring or spreading them: vega's
// canvas calls come by the thousand per chart, often before V8 optimises them, and unoptimised
// destructuring allocates an iterator and a result object for every element.

function multiply(m: Matrix, n: Matrix): Matrix {
  const a = m[0],
    b = m[1],
    c = m[2],
    d = m[3];
  return [
    a * n[0] + c * n[1],
    b * n[0] + d * n[1],
    a * n[2] + c * n[3],
    b * n[2] + d * n[3],
    a * n[4] + c * n[5] + m[4],
    b * n[4] + d * n[5] + m[5],
  ];
}

export class RecordingContext {
  readonly ops: DrawOp[] = [];
  fillStyle: unknown = '#000';
  strokeStyle: unknown = '#000';
  globalAlpha = 1;
  lineWidth = 1;
  lineCap = 'butt';
  lineJoin = 'miter';
  miterLimit = 10;
  lineDashOffset = 0;
  font = '10px sans-serif';
  textAlign = 'left';
  textBaseline = 'alphabetic';
  globalCompositeOperation = 'source-over';
  imageSmoothingEnabled = true;
  pixelRatio = 1;
  private dash: number[] = [];
  private path: PathSeg[] = [];
  private m: Matrix = IDENTITY;
  private stack: Matrix[] = [];

  /** A point in chart coordinates: x, then y. */
  private x(x: number, y: number): number {
    const m = this.m;
    return m[0] * x + m[2] * y + m[4];
  }
  private y(x: number, y: number): number {
    const m = this.m;
    return m[1] * x + m[3] * y + m[5];
  }
  save(): void {
    this.stack.push(this.m);
    this.ops.push({ t: 'save' });
  }
  restore(): void {
    this.m = this.stack.pop() ?? IDENTITY;
    this.ops.push({ t: 'restore' });
  }
  translate(x: number, y: number): void {
    this.m = multiply(this.m, [1, 0, 0, 1, x, y]);
  }
  rotate(angle: number): void {
    this.m = multiply(this.m, [
      Math.cos(angle),
      Math.sin(angle),
      -Math.sin(angle),
      Math.cos(angle),
      0,
      0,
    ]);
  }
  scale(x: number, y: number): void {
    this.m = multiply(this.m, [x, 0, 0, y, 0, 0]);
  }
  setLineDash(dash: number[]): void {
    this.dash = [...dash];
  }
  beginPath(): void {
    this.path = [];
  }
  moveTo(x: number, y: number): void {
    this.path.push(['M', this.x(x, y), this.y(x, y)]);
  }
  lineTo(x: number, y: number): void {
    this.path.push(['L', this.x(x, y), this.y(x, y)]);
  }
  bezierCurveTo(a: number, b: number, c: number, d: number, x: number, y: number): void {
    this.path.push([
      'C',
      this.x(a, b),
      this.y(a, b),
      this.x(c, d),
      this.y(c, d),
      this.x(x, y),
      this.y(x, y),
    ]);
  }
  quadraticCurveTo(qx: number, qy: number, x: number, y: number): void {
    const last = this.path.at(-1);
    // The current point, back in user space, to turn the quadratic into a cubic.
    const [sx, sy] =
      last && last[0] !== 'Z'
        ? this.userPoint(last.at(-2) as number, last.at(-1) as number)
        : [qx, qy];
    this.bezierCurveTo(
      sx + (2 / 3) * (qx - sx),
      sy + (2 / 3) * (qy - sy),
      x + (2 / 3) * (qx - x),
      y + (2 / 3) * (qy - y),
      x,
      y,
    );
  }
  private userPoint(px: number, py: number): [number, number] {
    const [a, b, c, d, e, f] = this.m;
    const det = a * d - b * c || 1;
    return [(d * (px - e) - c * (py - f)) / det, (a * (py - f) - b * (px - e)) / det];
  }
  /** Canvas arc as cubic Béziers, in quarter turns at most; joins the current point with a line. */
  arc(x: number, y: number, r: number, start: number, end: number, ccw = false): void {
    let sweep = end - start;
    if (Math.abs(sweep) >= 2 * Math.PI) sweep = ccw ? -2 * Math.PI : 2 * Math.PI;
    else if (ccw && sweep > 0) sweep -= 2 * Math.PI;
    else if (!ccw && sweep < 0) sweep += 2 * Math.PI;
    const steps = Math.max(1, Math.ceil(Math.abs(sweep) / (Math.PI / 2)));
    const step = sweep / steps;
    const handle = (step / (Math.PI / 2)) * KAPPA * r;
    let angle = start;
    const sx = x + Math.cos(angle) * r;
    const sy = y + Math.sin(angle) * r;
    if (this.path.length && this.path[this.path.length - 1]![0] !== 'Z') this.lineTo(sx, sy);
    else this.moveTo(sx, sy);
    for (let i = 0; i < steps; i++) {
      const ax = x + Math.cos(angle) * r;
      const ay = y + Math.sin(angle) * r;
      const next = angle + step;
      const bx = x + Math.cos(next) * r;
      const by = y + Math.sin(next) * r;
      this.bezierCurveTo(
        ax - Math.sin(angle) * handle,
        ay + Math.cos(angle) * handle,
        bx + Math.sin(next) * handle,
        by - Math.cos(next) * handle,
        bx,
        by,
      );
      angle = next;
    }
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.moveTo(x, y);
    this.lineTo(x + w, y);
    this.lineTo(x + w, y + h);
    this.lineTo(x, y + h);
    this.closePath();
  }
  closePath(): void {
    this.path.push(['Z']);
  }
  fill(rule?: string): void {
    this.ops.push({
      t: 'fill',
      path: this.path.slice(),
      colour: String(this.fillStyle),
      alpha: this.globalAlpha,
      evenOdd: rule === 'evenodd',
    });
  }
  stroke(): void {
    // Line widths scale with the transform; vega only ever scales uniformly.
    const scale = Math.hypot(this.m[0], this.m[1]);
    const { lineCap: cap, lineJoin: join, miterLimit: miter, lineDashOffset: dashOffset } = this;
    this.ops.push({
      t: 'stroke',
      path: this.path.slice(),
      colour: String(this.strokeStyle),
      alpha: this.globalAlpha,
      width: this.lineWidth * scale,
      cap,
      join,
      miter,
      dash: this.dash.map((d) => d * scale),
      dashOffset,
    });
  }
  clip(): void {
    this.ops.push({ t: 'clip', path: this.path.slice() });
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    const saved = this.path;
    this.path = [];
    this.rect(x, y, w, h);
    this.fill();
    this.path = saved;
  }
  clearRect(): void {}
  fillText(text: string, x: number, y: number): void {
    this.ops.push({
      t: 'text',
      text,
      x,
      y,
      m: this.m,
      font: this.font,
      align: this.textAlign,
      colour: String(this.fillStyle),
      alpha: this.globalAlpha,
    });
  }
  strokeText(): void {}
  measureText(text: string): { width: number } {
    return { width: text.length * 0.6 * (Number(/([\d.]+)px/.exec(this.font)?.[1]) || 10) };
  }
  setTransform(): void {}
  drawImage(): void {}
}
