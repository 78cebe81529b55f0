/**
 * Read a CSV file into rows of strings, with the line each row starts on. Everything that makes
 * a file unreadable as a table is reported as a located problem, never thrown.
 */
import { parse } from 'csv-parse/sync';
import type { Problem } from '../errors.ts';
import type { InputFile } from '../types.ts';
import { problem } from './problems.ts';
import * as msg from '../messages/index.ts';

export interface CsvRow {
  /** 1-based line in the file where the row starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/** Decode UTF-8 strictly, so a file saved as Latin-1 or a binary is caught here. */
export function decodeText(file: InputFile, problems: Problem[]): string | undefined {
  if (file.bytes.length === 0 || /^\s*$/.test(Buffer.from(file.bytes).toString('latin1'))) {
    problems.push(problem(file.path, {}, msg.fileEmpty()));
    return undefined;
  }
  const nul = file.bytes.indexOf(0);
  if (nul >= 0) {
    problems.push(problem(file.path, { line: lineAt(file.bytes, nul) }, msg.fileBinary()));
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file.bytes);
  } catch {
    const bad = firstInvalidUtf8(file.bytes);
    problems.push(problem(file.path, { line: lineAt(file.bytes, bad) }, msg.fileNotUtf8()));
    return undefined;
  }
}

export function readCsv(file: InputFile, problems: Problem[]): CsvTable | undefined {
  const raw = decodeText(file, problems);
  if (raw === undefined) return undefined;
  // One kind of line ending: csv-parse takes its record delimiter from the first line, so a file
  // mixing LF and CRLF would otherwise be misread, and its line numbers would drift.
  const text = raw.replace(/\r\n?/g, '\n');
  let records: { record: string[]; line: number }[];
  try {
    records = parseWithLines(text);
  } catch (error) {
    const e = error as { lines?: number; code?: string };
    // An unclosed quote swallows the rest of the file: point at where it opens, not at the end.
    const line = e.code === 'CSV_QUOTE_NOT_CLOSED' ? (openQuoteLine(text) ?? e.lines) : e.lines;
    const reason = error instanceof Error ? error.message : String(error);
    problems.push(problem(file.path, line ? { line } : {}, msg.csvMalformed(reason)));
    return undefined;
  }
  const [head, ...body] = records;
  if (!head) {
    problems.push(problem(file.path, {}, msg.fileEmpty()));
    return undefined;
  }
  if (body.length === 0) {
    problems.push(problem(file.path, { line: 1 }, msg.csvHeaderOnly()));
    return undefined;
  }
  const header = head.record.map((h) => h.trim());
  const rows: CsvRow[] = [];
  for (const { record, line } of body) {
    if (record.length !== header.length) {
      problems.push(problem(file.path, { line }, msg.rowWrongLength(header.length, record.length)));
      continue;
    }
    rows.push({ line, cells: record });
  }
  return { file: file.path, header, rows };
}

const OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: true } as const;

/** A line whose cells are all quoted, with no quote inside a cell; or one with no quote at all. */
const QUOTED_LINE = /^"[^"]*"(?:,"[^"]*")*$/;

/**
 * The records of a text with LF line endings (readCsv makes them so) as csv-parse reads them
 * with OPTIONS, when every line is simple: no double quote at all (cells split at every comma),
 * or every cell quoted with no quote inside (cells split at `","`, a comma inside a cell kept).
 * Only non-empty lines are records (after a byte-order mark). Data files are written like this,
 * and splitting is several times faster than the general parser; undefined for any other text.
 */
export function splitSimple(text: string): { record: string[]; line: number }[] | undefined {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const records: { record: string[]; line: number }[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l === '') continue;
    if (!l.includes('"')) records.push({ record: l.split(','), line: i + 1 });
    else if (QUOTED_LINE.test(l))
      records.push({ record: l.slice(1, -1).split('","'), line: i + 1 });
    else return undefined;
  }
  return records;
}

/** Each record of the text with the line it starts on. */
function parseWithLines(text: string): { record: string[]; line: number }[] {
  const simple = splitSimple(text);
  if (simple) return simple;
  // When no quoted cell spans lines (every line has an even number of quotes), the records are
  // the non-empty lines in order: their line numbers are known without csv-parse's per-record
  // info, which costs as much as the parsing itself.
  const lines = text.split('\n');
  if (lines.every((l) => l.split('"').length % 2 === 1)) {
    const records = parse(text, OPTIONS) as string[][];
    const starts: number[] = [];
    lines.forEach((l, i) => {
      if (l !== '' && !(i === 0 && l === '\ufeff')) starts.push(i + 1);
    });
    if (starts.length === records.length)
      return records.map((record, i) => ({ record, line: starts[i]! }));
  }
  const records = parse(text, { ...OPTIONS, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  // csv-parse gives the line a record ends on; a quoted cell may span lines, so count back.
  return records.map(({ record, info }) => ({
    record,
    line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
  }));
}

/** The line of a double quote that opens a cell and is never closed, if there is one. */
export function openQuoteLine(text: string): number | undefined {
  let line = 1;
  let opened: number | undefined;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (opened !== undefined) {
      if (ch === '"' && text[i + 1] === '"') i++;
      else if (ch === '"') opened = undefined;
      else if (ch === '\n') line++;
      continue;
    }
    if (ch === '"' && atFieldStart) opened = line;
    if (ch === '\n') line++;
    atFieldStart = ch === ',' || ch === '\n';
  }
  return opened;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, found by decoding growing prefixes line by line. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return start;
    }
    start = end;
  }
  return bytes.length;
}
