/** Tokens of a PDF content stream: operands (numbers, names, strings, arrays, dictionaries) and operators. */

export type Operand = number | string | { name: string } | Operand[] | { [key: string]: Operand };

export class Operator {
  constructor(readonly op: string) {}
}

const DELIMITERS = '()<>[]{}/%';
const isSpace = (c: string) => ' \t\r\n\f\0'.includes(c);
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '\n': '' };

/** A literal string `( … )` starting at `start`: its bytes (latin1) and the index after it. */
function literal(src: string, start: number): [string, number] {
  let depth = 1;
  let out = '';
  let i = start + 1;
  for (; depth > 0; i++) {
    const ch = src[i]!;
    if (ch === '\\') {
      const octal = /^[0-7]{1,3}/.exec(src.slice(i + 1, i + 4));
      out += octal
        ? String.fromCharCode(parseInt(octal[0], 8))
        : (ESCAPES[src[i + 1]!] ?? src[i + 1]);
      i += octal ? octal[0].length : 1;
    } else {
      depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
      if (depth > 0) out += ch;
    }
  }
  return [out, i];
}

/** A hex string `< … >` starting at `start`: its bytes (latin1) and the index after it. */
function hex(src: string, start: number): [string, number] {
  const end = src.indexOf('>', start);
  const digits = src.slice(start + 1, end).replace(/\s/g, '');
  return [
    Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex').toString('latin1'),
    end + 1,
  ];
}

/** Pair up the items of `<< … >>` as a dictionary. */
function dictionary(items: Operand[]): Record<string, Operand> {
  const dict: Record<string, Operand> = {};
  for (let k = 0; k + 1 < items.length; k += 2)
    dict[(items[k] as { name: string }).name] = items[k + 1]!;
  return dict;
}

/** Split a content stream (as latin1 text) into top-level operands and operators. */
export function* tokens(src: string): Generator<Operand | Operator> {
  const open: Operand[][] = [];
  function* emit(value: Operand): Generator<Operand> {
    if (open.length) open.at(-1)!.push(value);
    else yield value;
  }
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const two = src.slice(i, i + 2);
    let value: Operand;
    if (isSpace(c)) {
      i++;
      continue;
    } else if (c === '%') {
      i = src.includes('\n', i) ? src.indexOf('\n', i) : src.length;
      continue;
    } else if (c === '[' || two === '<<') {
      open.push([]);
      i += c === '[' ? 1 : 2;
      continue;
    } else if (c === ']' || two === '>>') {
      const items = open.pop()!;
      value = c === ']' ? items : dictionary(items);
      i += c === ']' ? 1 : 2;
    } else if (c === '<' || c === '(') {
      [value, i] = c === '<' ? hex(src, i) : literal(src, i);
    } else {
      let j = i + 1;
      while (j < src.length && !isSpace(src[j]!) && !DELIMITERS.includes(src[j]!)) j++;
      const word = src.slice(i, j);
      i = j;
      if (c === '/') value = { name: word.slice(1) };
      else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) value = Number(word);
      else {
        // Inline image data is binary: skip to its end, and report the image as one operator.
        if (word === 'ID') i += src.slice(i).search(/\sEI(\s|$)/) + 3;
        yield new Operator(word === 'ID' ? 'EI' : word);
        continue;
      }
    }
    yield* emit(value);
  }
}
