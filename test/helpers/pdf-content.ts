/**
 * What a PDF's pages draw, read from their content streams (decoded by qpdf): the text each page
 * shows, at what size and where, inside which marked-content sequences, and the paths it paints.
 */
import { execFileSync } from 'node:child_process';
import { Operator, tokens, type Operand } from './pdf-tokens.ts';

export const run = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

type Matrix = [number, number, number, number, number, number];

/** A marked-content sequence: `/P <</MCID 3>> BDC` is tag P with props {MCID: 3}. */
export interface Mark {
  tag: string;
  props: Record<string, Operand>;
}

/** One text-showing operator (Tj, TJ, ', "). */
export interface TextShow {
  /** Font size as printed, in points: the Tf size scaled by the text and graphics matrices. */
  size: number;
  /** Glyphs shown (two bytes each: pdfkit sets its fonts as Identity-H). */
  glyphs: number;
  /** Height of the baseline above the bottom of the page, in points. */
  y: number;
  /** The marked-content sequences around it, outermost first. */
  marks: Mark[];
}

/** A marked-content sequence with the text-showing and path-painting operators inside it. */
export type Sequence = Mark & { shows: number; paths: number };

export interface PageDrawing {
  shows: TextShow[];
  /** Every marked-content sequence, in the order it opens. */
  sequences: Sequence[];
  /** Path-painting operators (f, S, B, …). */
  paths: number;
  /** Images drawn inline in the content (BI … ID … EI). */
  inlineImages: number;
}

const multiply = (a: Matrix, b: Matrix): Matrix => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
  a[4] * b[0] + a[5] * b[2] + b[4],
  a[4] * b[1] + a[5] * b[3] + b[5],
];

const PAINT = new Set(['f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*']);
const SHOW = new Set(['Tj', 'TJ', "'", '"']);

/** The graphics and text state the reader follows: matrices, font size, open marked content. */
class State {
  ctm: Matrix = [1, 0, 0, 1, 0, 0];
  saved: Matrix[] = [];
  tm: Matrix = [1, 0, 0, 1, 0, 0];
  fontSize = 0;
  open: Sequence[] = [];

  /** Follow an operator that changes the state; false if `op` is not one. */
  apply(op: string, args: Operand[]): boolean {
    const num = (k: number) => args[k] as number;
    if (op === 'q') this.saved.push(this.ctm);
    else if (op === 'Q') this.ctm = this.saved.pop()!;
    else if (op === 'cm') this.ctm = multiply(args as Matrix, this.ctm);
    else if (op === 'BT') this.tm = [1, 0, 0, 1, 0, 0];
    else if (op === 'Tm') this.tm = args as Matrix;
    else if (op === 'Td' || op === 'TD') this.tm = multiply([1, 0, 0, 1, num(0), num(1)], this.tm);
    else if (op === 'Tf') this.fontSize = num(1);
    else if (op === 'EMC') {
      if (!this.open.pop()) throw new Error('EMC with no marked content open');
    } else return false;
    return true;
  }

  show(args: Operand[]): TextShow {
    const bytes = (args.flat(2) as unknown[]).reduce<number>(
      (n, v) => n + (typeof v === 'string' ? v.length : 0),
      0,
    );
    const m = multiply(this.tm, this.ctm);
    this.open.forEach((s) => s.shows++);
    return {
      size: this.fontSize * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])),
      glyphs: bytes / 2,
      y: m[5],
      marks: this.open.map(({ tag, props }) => ({ tag, props })),
    };
  }
}

/** Record what an operator draws, or the marked content it opens. */
function record(drawing: PageDrawing, state: State, op: string, args: Operand[]): void {
  if (op === 'BDC' || op === 'BMC') {
    const props = op === 'BDC' && !Array.isArray(args[1]) ? args[1] : {};
    const tag = (args[0] as { name: string }).name;
    const sequence = { tag, props: props as Mark['props'], shows: 0, paths: 0 };
    state.open.push(sequence);
    drawing.sequences.push(sequence);
  } else if (SHOW.has(op)) drawing.shows.push(state.show(args));
  else if (PAINT.has(op)) {
    drawing.paths++;
    state.open.forEach((s) => s.paths++);
  } else if (op === 'EI') drawing.inlineImages++;
}

/** Interpret one page's content stream. */
export function readDrawing(content: string): PageDrawing {
  const drawing: PageDrawing = { shows: [], sequences: [], paths: 0, inlineImages: 0 };
  const state = new State();
  let args: Operand[] = [];
  for (const token of tokens(content)) {
    if (token instanceof Operator) {
      if (!state.apply(token.op, args)) record(drawing, state, token.op, args);
      args = [];
    } else args.push(token);
  }
  if (state.open.length) throw new Error(`${state.open.length} marked-content sequences left open`);
  return drawing;
}

type QpdfObjects = Record<string, { stream?: { dict?: Record<string, unknown>; data?: string } }>;

/** The drawing of every page of `file`, in page order (a page's content streams joined). */
export function pageDrawings(file: string): PageDrawing[] {
  const json = JSON.parse(
    run('qpdf', [
      '--json',
      '--json-key=pages',
      '--json-key=qpdf',
      '--json-stream-data=inline',
      file,
    ]),
  ) as { pages: { contents: string[] }[]; qpdf: [unknown, QpdfObjects] };
  const stream = (ref: string) =>
    Buffer.from(json.qpdf[1][`obj:${ref}`]!.stream!.data!, 'base64').toString('latin1');
  return json.pages.map((page) => readDrawing(page.contents.map(stream).join('\n')));
}

/** The objects of `file` that are raster images (image XObjects), as qpdf names them. */
export function imageObjects(file: string): string[] {
  const json = JSON.parse(run('qpdf', ['--json', '--json-key=qpdf', file])) as {
    qpdf: [unknown, QpdfObjects];
  };
  return Object.entries(json.qpdf[1])
    .filter(([, o]) => o.stream?.dict?.['/Subtype'] === '/Image')
    .map(([key]) => key);
}
