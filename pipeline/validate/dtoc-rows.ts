/**
 * Turn the rows of a declared CSV file into typed records, checking the header and every cell
 * against the column declarations. Problems are collected, never thrown.
 */
import type { ErrorCode, Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { ColumnDecl, TableDecl } from './dtoc-schema.ts';
import { quickRowParser, rowSchema } from './dtoc-schema.ts';
import type { CsvTable } from './csv.ts';
import { problem } from './problems.ts';

export interface TypedRow {
  line: number;
  values: Record<string, unknown>;
}

export interface NotAvailableCount {
  file: string;
  field: string;
  value: string;
  count: number;
  meaning: string;
}

export interface TypedTable {
  file: string;
  /** The declared key columns: one row per key, and the files are joined on it. */
  key: TableDecl['key'];
  rows: TypedRow[];
  rowsRead: number;
  notAvailable: NotAvailableCount[];
  /** Keys (area and month) of rows left out because a cell failed its check. */
  broken: Set<string>;
  /** The header failed its check: no row was read, and the file says nothing about other files. */
  headerFailed: boolean;
}

/** Check the header has every declared column (in any order) and nothing else. */
function checkHeader(
  table: CsvTable,
  columns: readonly ColumnDecl[],
  problems: Problem[],
): boolean {
  const declared = columns.map((c) => c.name);
  let ok = true;
  for (const name of declared) {
    if (!table.header.includes(name)) {
      problems.push(
        problem(table.file, { line: 1, field: name }, msg.columnMissing(name, declared)),
      );
      ok = false;
    }
  }
  table.header.forEach((name, index) => {
    if (table.header.indexOf(name) !== index) {
      problems.push(
        problem(table.file, { line: 1, column: index + 1, field: name }, msg.columnDuplicate(name)),
      );
      ok = false;
    } else if (!declared.includes(name)) {
      problems.push(
        problem(
          table.file,
          { line: 1, column: index + 1, field: name },
          msg.columnUnknown(name, declared),
        ),
      );
      ok = false;
    }
  });
  return ok;
}

/** The cell codes a column's schema can report; anything else (a zod message) is mapped by kind. */
const CELL_CODES = new Set<string>([
  'DATA_FIELD_EMPTY',
  'DATA_FIELD_NOT_NUMBER',
  'DATA_FIELD_OUT_OF_RANGE',
  'DATA_PERIOD_INVALID',
  'DATA_CODE_INVALID',
]);

function cellCode(message: string, column: ColumnDecl): ErrorCode {
  if (CELL_CODES.has(message)) return message as ErrorCode;
  return column.kind === 'days'
    ? 'DATA_FIELD_OUT_OF_RANGE'
    : column.kind === 'period'
      ? 'DATA_PERIOD_INVALID'
      : 'DATA_CODE_INVALID';
}

/** The key of a typed row: its values in the declared key columns. */
export const keyOf = (values: Record<string, unknown>, key: TableDecl['key']): string =>
  rowKey(...key.map((column) => String(values[column])));

export const rowKey = (...values: string[]): string => values.join('\u0000');

/**
 * The key of a row whose cells failed, when its key cells themselves are valid: the row is left
 * out, but rules that look for its area and month must not report it missing as well.
 */
function keyOfBroken(raw: Record<string, string>, decl: TableDecl): string | undefined {
  const { shape } = rowSchema(decl.columns);
  const values: Record<string, unknown> = {};
  for (const column of decl.key) {
    const parsed = shape[column]?.safeParse(raw[column] ?? '');
    if (!parsed?.success) return undefined;
    values[column] = parsed.data;
  }
  return keyOf(values, decl.key);
}

/** "NA" means "not collected": a number is expected from the month a reason began to be collected. */
function collectedButNA(
  raw: Record<string, string>,
  row: TypedRow,
  columns: readonly ColumnDecl[],
): ColumnDecl[] {
  const late = columns.filter((c) => c.collectedFrom && raw[c.name]?.trim() === 'NA');
  if (late.length === 0) return late;
  const month = monthOf(row.values);
  return month ? late.filter((c) => month >= c.collectedFrom!) : [];
}

export function typeRows(table: CsvTable, decl: TableDecl, problems: Problem[]): TypedTable {
  const { columns } = decl;
  const result: TypedTable = {
    file: table.file,
    key: decl.key,
    rows: [],
    rowsRead: table.rows.length,
    notAvailable: [],
    broken: new Set(),
    headerFailed: false,
  };
  if (!checkHeader(table, columns, problems)) return { ...result, headerFailed: true };
  const schema = rowSchema(columns);
  const quick = quickRowParser(columns, table.header);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const counts = new Map<string, NotAvailableCount>();
  const tallies = notAvailableTallies(table, columns, counts);
  const collectedLate = columns
    .filter((c) => c.collectedFrom)
    .map((c) => ({ column: c, index: table.header.indexOf(c.name) }));
  for (const row of table.rows) {
    // Most rows are fine: read them quickly, and leave any doubt to the zod schema below.
    const values = quick(row.cells);
    if (
      values &&
      !collectedLate.some(
        ({ column, index }) =>
          row.cells[index]?.trim() === 'NA' && monthOf(values) >= column.collectedFrom!,
      )
    ) {
      tallies(row.cells);
      result.rows.push({ line: row.line, values });
      continue;
    }
    const raw = Object.fromEntries(table.header.map((name, i) => [name, row.cells[i] ?? '']));
    const parsed = schema.safeParse(raw);
    const typed = parsed.success ? { line: row.line, values: parsed.data } : undefined;
    const late = typed ? collectedButNA(raw, typed, columns) : [];
    for (const column of late) {
      problems.push(
        problem(
          table.file,
          { line: row.line, field: column.name },
          msg.notCollectedAnyMore(column, raw[column.name] ?? ''),
        ),
      );
    }
    if (!typed || late.length) {
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const field = String(issue.path[0]);
        const column = byName.get(field)!;
        problems.push(
          problem(
            table.file,
            { line: row.line, field },
            msg.cellInvalid(cellCode(issue.message, column), column, raw[field] ?? ''),
          ),
        );
      }
      const key = keyOfBroken(raw, decl);
      if (key) result.broken.add(key);
      continue;
    }
    tallies(row.cells);
    result.rows.push(typed);
  }
  result.notAvailable = [...counts.values()];
  return result;
}

/** The row's month (the value of its period column). */
const monthOf = (values: Record<string, unknown>): string =>
  (Object.values(values).find((v) => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v)) as
    string | undefined) ?? '';

/** Counts each "not available" token ("-", "NA") per column, row by row. */
function notAvailableTallies(
  table: CsvTable,
  columns: readonly ColumnDecl[],
  counts: Map<string, NotAvailableCount>,
): (cells: readonly string[]) => void {
  const counted = columns
    .filter((c) => c.notAvailable)
    .map((c) => ({ column: c, index: table.header.indexOf(c.name) }));
  return (cells) => {
    for (const { column, index } of counted) {
      const value = cells[index]?.trim() ?? '';
      const meaning = column.notAvailable![value];
      if (meaning === undefined) continue;
      const key = `${column.name}\u0000${value}`;
      const entry = counts.get(key) ?? {
        file: table.file,
        field: column.name,
        value,
        count: 0,
        meaning,
      };
      entry.count++;
      counts.set(key, entry);
    }
  };
}
