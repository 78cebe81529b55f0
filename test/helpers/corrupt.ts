/**
 * Random corruption of input files for property-based tests: byte flips, inserted and deleted
 * bytes, truncation, duplicated, deleted and swapped lines, CSV cells and YAML values replaced by
 * plausible junk, and broken YAML indentation. Positions are drawn as naturals and taken modulo the
 * current length, so every edit applies to any file.
 */
import fc from 'fast-check';
import type { InputFile } from '../../pipeline/types.ts';
import {
  fixtureFiles,
  REASON_HEADER,
  setRowTotal,
  withFile,
  type DtocRows,
  type FixtureOptions,
} from './fixtures.ts';

export type Edit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  /** CSV: replace the n-th comma-separated piece of a line, quoted (and escaped) or raw. */
  | { kind: 'cell'; line: number; cell: number; text: string; quoted: boolean }
  /** YAML: replace what follows the first ": " or "- " on a line. */
  | { kind: 'value'; line: number; text: string }
  /** YAML: indent a line by `delta` more (or fewer) spaces. */
  | { kind: 'indent'; line: number; delta: number };

/** Bytes ↔ a string with one char per byte, so line edits never re-encode the rest of the file. */
export const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const fromLatin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
/** UTF-8 text as a one-char-per-byte string, for splicing into `latin1` text. */
const utf8AsLatin1 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

const pick = (n: number, length: number): number => (length === 0 ? 0 : n % length);

function editLines(bytes: Uint8Array, change: (lines: string[]) => void): Uint8Array {
  const lines = latin1(bytes).split('\n');
  change(lines);
  return fromLatin1(lines.join('\n'));
}

export function applyEdit(bytes: Uint8Array, edit: Edit): Uint8Array {
  const at = 'at' in edit ? pick(edit.at, bytes.length + 1) : 0;
  switch (edit.kind) {
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const copy = bytes.slice();
      const i = pick(edit.at, bytes.length);
      copy[i] = copy[i]! ^ (1 << edit.bit);
      return copy;
    }
    case 'insert':
      return new Uint8Array([...bytes.subarray(0, at), ...edit.bytes, ...bytes.subarray(at)]);
    case 'delete':
      return new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + edit.length)]);
    case 'truncate':
      return bytes.slice(0, at);
    case 'duplicate-line':
      return editLines(bytes, (lines) => {
        const i = pick(edit.line, lines.length);
        lines.splice(i, 0, lines[i]!);
      });
    case 'delete-line':
      return editLines(bytes, (lines) => void lines.splice(pick(edit.line, lines.length), 1));
    case 'swap-lines':
      return editLines(bytes, (lines) => {
        const a = pick(edit.a, lines.length);
        const b = pick(edit.b, lines.length);
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      });
    case 'cell':
      return editLines(bytes, (lines) => {
        const i = pick(edit.line, lines.length);
        const cells = lines[i]!.split(',');
        const text = edit.quoted ? `"${edit.text.replace(/"/g, '""')}"` : edit.text;
        cells[pick(edit.cell, cells.length)] = utf8AsLatin1(text);
        lines[i] = cells.join(',');
      });
    case 'value':
      return editLines(bytes, (lines) => {
        const i = pick(edit.line, lines.length);
        const match = /^(\s*(?:- )?[^:]*: |\s*- )/.exec(lines[i]!);
        lines[i] = (match ? match[0] : '') + utf8AsLatin1(edit.text);
      });
    case 'indent':
      return editLines(bytes, (lines) => {
        const i = pick(edit.line, lines.length);
        const line = lines[i]!;
        const indent = line.length - line.trimStart().length;
        lines[i] = ' '.repeat(Math.max(0, indent + edit.delta)) + line.trimStart();
      });
  }
}

// ---------- generators ----------

/** Bytes that matter to a text or CSV reader, and some that are merely random. */
const someBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 4 }),
  fc
    .constantFrom(
      [0x22], // "
      [0x2c], // ,
      [0x0a], // LF
      [0x0d], // CR
      [0x0d, 0x0a],
      [0x09], // tab
      [0x00], // NUL
      [0xa3], // £ in Latin-1
      [0xff],
      [0xef, 0xbb, 0xbf], // BOM
      [0xc3], // a lone UTF-8 lead byte
      [0xe2, 0x80, 0x93], // –
    )
    .map((b) => Uint8Array.from(b)),
);

const byteEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: someBytes }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

const lineEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
);

/** Plausible junk in a CSV cell: what spreadsheets, people and broken exports write. */
const csvJunk = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '-',
    'NA',
    'N/A',
    '12a',
    '1,234',
    '-5',
    '12.5',
    '1e3',
    '0x10',
    ' 12 ',
    '9999999',
    '9'.repeat(400), // too long for a double: Number() gives Infinity
    '500000',
    '500001',
    '0',
    '00',
    '１２', // full-width digits
    '١٢', // Arabic-Indic digits
    '½',
    '\u00a0',
    '😀',
    'Barnet',
    'England',
    'Derby',
    'E09000003',
    'E0900000',
    '717',
    'April 2015',
    'March 2016',
    'Aprl 2015',
    'April 1989',
    '"',
    '""',
    'a"b',
    '\n',
    '\r\n',
    '__proto__',
    'constructor',
  ),
  fc.integer({ min: 0, max: 2000 }).map(String),
  fc.string({ maxLength: 6 }),
  fc.string({ maxLength: 4, unit: 'grapheme' }),
);

/** Plausible junk in a YAML value: mostly YAML syntax and values of the wrong kind. */
const yamlJunk = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      '',
      '~',
      'null',
      'true',
      '[',
      ']',
      '{',
      '}',
      '[]',
      '{}',
      '- x',
      ': :',
      '#',
      '|',
      '>',
      "'",
      '"',
      '*nothing', // aliases to no anchor
      '*draft',
      '*',
      '&a x',
      '!!binary x',
      '!!js/function x',
      '.inf',
      '-.inf',
      '.nan',
      '-1',
      '0',
      '1e999',
      '2015-16',
      '2019-20',
      '2015-2016',
      '2026-13-45',
      'article',
      'data',
      'nope',
      'rise',
      'England',
      'Nowhere',
      'fy-total',
      'fy-share',
      'days',
      'x'.repeat(300),
      '{ source: data, locator: "x" }',
      '{ source: article, line: 99, says: "x" }',
      '{ measure: fy-change, area: England, from: 2015-16, to: 2015-16 }',
      '😀',
    ),
    weight: 4,
  },
  fc.integer({ min: -5, max: 2000 }).map(String),
  fc.string({ maxLength: 8 }),
);

export const csvEdit: fc.Arbitrary<Edit> = fc.oneof(
  byteEdit,
  lineEdit,
  fc.record({
    kind: fc.constant('cell' as const),
    line: fc.nat(),
    cell: fc.nat(),
    text: csvJunk,
    quoted: fc.boolean(),
  }),
);

export const yamlEdit: fc.Arbitrary<Edit> = fc.oneof(
  byteEdit,
  lineEdit,
  // Replaced values reach the schemas and the checks behind them, so they get more weight.
  {
    arbitrary: fc.record({ kind: fc.constant('value' as const), line: fc.nat(), text: yamlJunk }),
    weight: 3,
  },
  fc.record({
    kind: fc.constant('indent' as const),
    line: fc.nat(),
    delta: fc.integer({ min: -4, max: 4 }),
  }),
);

/** Changes to `paths`: one to three edits to a file, for one file or two. */
export function fileChanges(
  paths: readonly string[],
  edit: fc.Arbitrary<Edit>,
  { minLength = 1 } = {},
): fc.Arbitrary<FileChange[]> {
  const oneFile = fc.record({
    path: fc.constantFrom(...paths),
    edits: fc.array(edit, { minLength: 1, maxLength: 3 }),
  });
  return fc.array(oneFile, { minLength, maxLength: 2 });
}

export interface FileChange {
  path: string;
  edits: Edit[];
}

/** `base` with each change's edits applied, in order, to its file. */
export function corrupt(base: InputFile[], changes: readonly FileChange[]): InputFile[] {
  let files = base;
  for (const { path, edits } of changes) {
    const file = files.find((f) => f.path === path)!;
    files = withFile(files, path, edits.reduce(applyEdit, file.bytes));
  }
  return files;
}

// ---------- edits to the DToC rows that keep both files readable and in step ----------

/** Row-level edits, applied to both files where a row has a twin, to reach the domain rules. */
export type RowEdit =
  | { kind: 'drop-row'; row: number }
  | { kind: 'copy-row'; row: number }
  /** A new total, with the row's reasons and organisations still adding up to it. */
  | { kind: 'total'; row: number; total: number }
  /** One number cell of one file changed, nothing else. */
  | { kind: 'number'; row: number; file: 'reasons' | 'orgs'; column: number; value: string }
  | { kind: 'code'; row: number; code: string }
  | { kind: 'name'; row: number; name: string }
  | { kind: 'period'; row: number; month: string };

const PERIOD = REASON_HEADER.length - 1;

export const rowEdit: fc.Arbitrary<RowEdit> = fc.oneof(
  fc.record({ kind: fc.constant('drop-row' as const), row: fc.nat() }),
  fc.record({ kind: fc.constant('copy-row' as const), row: fc.nat() }),
  fc.record({
    kind: fc.constant('total' as const),
    row: fc.nat(),
    total: fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(0, 499_999, 500_000)),
  }),
  fc.record({
    kind: fc.constant('number' as const),
    row: fc.nat(),
    file: fc.constantFrom('reasons' as const, 'orgs' as const),
    column: fc.nat(),
    value: fc.oneof(
      fc.integer({ min: 0, max: 2000 }).map(String),
      fc.constantFrom('-', 'NA', '9'.repeat(400)),
    ),
  }),
  fc.record({
    kind: fc.constant('code' as const),
    row: fc.nat(),
    code: fc.constantFrom('-', '717', '718', 'E09000003', 'E09000004', 'E06000015', '00AB'),
  }),
  fc.record({
    kind: fc.constant('name' as const),
    row: fc.nat(),
    name: fc.constantFrom(
      'England',
      'Barnet',
      'Derby',
      'barnet',
      'Bath, North East Somerset',
      'Barking & Dagenham',
      'Ünïcödé',
      '__proto__',
    ),
  }),
  fc.record({
    kind: fc.constant('period' as const),
    row: fc.nat(),
    month: fc.constantFrom(
      'April 2015',
      'March 2016',
      'April 2016',
      'March 2015',
      'June 2014',
      'January 2031',
      'april 2015',
    ),
  }),
);

function applyRowEdit(rows: DtocRows, edit: RowEdit): void {
  const i = pick(edit.row, rows.reasons.length);
  const reasons = rows.reasons[i];
  const orgs = rows.orgs[i];
  if (!reasons || !orgs) return;
  switch (edit.kind) {
    case 'drop-row':
      rows.reasons.splice(i, 1);
      rows.orgs.splice(i, 1);
      return;
    case 'copy-row':
      rows.reasons.push([...reasons]);
      rows.orgs.push([...orgs]);
      return;
    case 'total':
      return setRowTotal(rows, i, edit.total);
    case 'number': {
      // Reasons: the eleven reasons and the total (columns 2 to 13); orgs: columns 1 to 3.
      if (edit.file === 'reasons') reasons[2 + pick(edit.column, 12)] = edit.value;
      else orgs[1 + pick(edit.column, 3)] = edit.value;
      return;
    }
    case 'code':
      reasons[0] = edit.code;
      return;
    case 'name':
      reasons[1] = edit.name;
      orgs[0] = edit.name;
      return;
    case 'period':
      reasons[PERIOD] = edit.month;
      orgs[4] = edit.month;
      return;
  }
}

/** Fixture files whose DToC rows have been through `edits`, all else as in `options`. */
export function withRowEdits(
  rows: DtocRows,
  edits: RowEdit[],
  options: FixtureOptions = {},
): InputFile[] {
  const copy = { reasons: rows.reasons.map((r) => [...r]), orgs: rows.orgs.map((r) => [...r]) };
  for (const edit of edits) applyRowEdit(copy, edit);
  return fixtureFiles({ ...options, rows: copy });
}

/** Lines in a file, counting CRLF, CR and LF each as a line break. */
export const lineCount = (bytes: Uint8Array): number => latin1(bytes).split(/\r\n|\r|\n/).length;
