/**
 * Line breaking for styled inline text, measured with the embedded fonts. Breaks only at spaces
 * (a citation marker stays with its figure); a word wider than the line is split by characters.
 */
import { textWidth, type FontStyle } from '../fonts.ts';
import type { Run } from '../types.ts';
import { COLOURS, type TextStyle } from './style.ts';

export interface Frag {
  text: string;
  font: FontStyle;
  size: number;
  colour: string;
  x: number;
  width: number;
  /** Baseline shift upwards, for citation markers. */
  rise: number;
  tnum: boolean;
  href?: string;
  cite?: boolean;
  /** A link in the text's own colour, not underlined. */
  plain?: boolean;
  title?: string;
}

export interface Line {
  frags: Frag[];
  width: number;
}

type Piece = Omit<Frag, 'x' | 'width'>;

function pieceStyle(run: Run, base: TextStyle): Piece {
  const font: FontStyle = run.bold
    ? base.font === 'bold'
      ? 'bold'
      : 'semibold'
    : run.italic
      ? 'italic'
      : base.font;
  const cite = run.cite === true;
  return {
    text: '',
    font: cite ? 'regular' : font,
    size: cite ? base.size * 0.72 : base.size,
    colour: run.href && !run.plain ? COLOURS.link : base.colour,
    rise: cite ? base.size * 0.32 : 0,
    tnum: base.tnum === true,
    ...(run.href ? { href: run.href } : {}),
    ...(cite ? { cite } : {}),
    ...(run.plain ? { plain: true } : {}),
    ...(run.title ? { title: run.title } : {}),
  };
}

const sameStyle = (a: Piece, b: Piece): boolean =>
  a.font === b.font &&
  a.size === b.size &&
  a.colour === b.colour &&
  a.href === b.href &&
  a.title === b.title &&
  a.rise === b.rise &&
  a.tnum === b.tnum;

const measure = (p: Piece): number =>
  textWidth(p.text, p.font, p.size, p.tnum ? ['tnum'] : undefined);

/** Split runs into words (arrays of styled pieces) separated by spaces. */
function words(runs: Run[], base: TextStyle): Piece[][] {
  const out: Piece[][] = [];
  let current: Piece[] = [];
  for (const run of runs) {
    const style = pieceStyle(run, base);
    for (const token of run.text.split(/(\s+)/)) {
      if (token === '') continue;
      if (/^\s+$/.test(token)) {
        if (current.length) out.push(current);
        current = [];
      } else current.push({ ...style, text: token });
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** Split a piece that is wider than the line into pieces that fit. */
function splitLong(piece: Piece, width: number): Piece[] {
  const parts: Piece[] = [];
  let text = '';
  for (const ch of piece.text) {
    if (text && measure({ ...piece, text: text + ch }) > width) {
      parts.push({ ...piece, text });
      text = '';
    }
    text += ch;
  }
  if (text) parts.push({ ...piece, text });
  return parts;
}

export function wrap(runs: Run[], base: TextStyle, width: number): Line[] {
  const lines: Line[] = [];
  let frags: Frag[] = [];
  let x = 0;
  const flush = () => {
    if (frags.length) lines.push({ frags, width: x });
    frags = [];
    x = 0;
  };
  // Each piece is measured once; a line's width is the sum of its pieces and spaces (no kerning
  // applies across a space).
  const place = (word: Piece[], widths: number[]) => {
    word.forEach((p, i) => {
      const gap = i === 0 && frags.length > 0 ? measure({ ...p, text: ' ' }) : 0;
      // The space is drawn as a real space glyph, so text extraction keeps the words apart.
      const text = (gap ? ' ' : '') + p.text;
      const last = frags.at(-1);
      if (last && sameStyle(last, p)) {
        last.text += text;
        last.width += gap + widths[i]!;
      } else frags.push({ ...p, text, x, width: gap + widths[i]! });
      x += gap + widths[i]!;
    });
  };
  // A hair of tolerance: a line measured to fit exactly must not wrap on rounding.
  const fits = width + 0.01;
  for (const word of words(runs, base)) {
    const widths = word.map(measure);
    const wordWidth = widths.reduce((a, b) => a + b, 0);
    const gap = frags.length ? measure({ ...word[0]!, text: ' ' }) : 0;
    if (frags.length && x + gap + wordWidth > fits) flush();
    if (wordWidth > fits) {
      for (const part of word.flatMap((p) => splitLong(p, width))) {
        const w = measure(part);
        if (x + w > fits) flush();
        place([part], [w]);
      }
    } else place(word, widths);
  }
  flush();
  return lines;
}

/** Widest single line the runs would need if never wrapped. */
export function naturalWidth(runs: Run[], base: TextStyle): number {
  return wrap(runs, base, Number.POSITIVE_INFINITY)[0]?.width ?? 0;
}
