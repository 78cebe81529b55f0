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

const TNUM = ['tnum'];

/** Width of `text` set in `style`. */
const measure = (style: Piece, text: string): number =>
  textWidth(text, style.font, style.size, style.tnum ? TNUM : undefined);

/**
 * A word's piece: its text and the style it shares with the rest of its run. Pieces are made
 * for every word of every paragraph, so they point at their run's style rather than copy it.
 */
interface Token {
  style: Piece;
  text: string;
  width: number;
}

/** Split runs into words (arrays of styled pieces, each measured) separated by spaces. */
function words(runs: Run[], base: TextStyle): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  for (const run of runs) {
    const style = pieceStyle(run, base);
    for (const text of run.text.split(/(\s+)/)) {
      if (text === '') continue;
      if (/^\s+$/.test(text)) {
        if (current.length) out.push(current);
        current = [];
      } else current.push({ style, text, width: measure(style, text) });
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** Split a piece that is wider than the line into pieces that fit. */
function splitLong({ style, text: whole }: Token, width: number): Token[] {
  const parts: Token[] = [];
  let text = '';
  for (const ch of whole) {
    if (text && measure(style, text + ch) > width) {
      parts.push({ style, text, width: measure(style, text) });
      text = '';
    }
    text += ch;
  }
  if (text) parts.push({ style, text, width: measure(style, text) });
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
  const place = (word: Token[]) => {
    for (let i = 0; i < word.length; i++) {
      const { style, width } = word[i]!;
      const gap = i === 0 && frags.length > 0 ? measure(style, ' ') : 0;
      // The space is drawn as a real space glyph, so text extraction keeps the words apart.
      const text = gap ? ` ${word[i]!.text}` : word[i]!.text;
      const last = frags[frags.length - 1];
      if (last && sameStyle(last, style)) {
        last.text += text;
        last.width += gap + width;
      } else frags.push({ ...style, text, x, width: gap + width });
      x += gap + width;
    }
  };
  // A hair of tolerance: a line measured to fit exactly must not wrap on rounding.
  const fits = width + 0.01;
  for (const word of words(runs, base)) {
    let wordWidth = 0;
    for (const token of word) wordWidth += token.width;
    const gap = frags.length ? measure(word[0]!.style, ' ') : 0;
    if (frags.length && x + gap + wordWidth > fits) flush();
    if (wordWidth > fits) {
      for (const part of word.flatMap((t) => splitLong(t, width))) {
        if (x + part.width > fits) flush();
        place([part]);
      }
    } else place(word);
  }
  flush();
  return lines;
}

/** Widest single line the runs would need if never wrapped. */
export function naturalWidth(runs: Run[], base: TextStyle): number {
  return wrap(runs, base, Number.POSITIVE_INFINITY)[0]?.width ?? 0;
}
