/**
 * Turn the rows of a declared CSV file into typed records, checking the header and every cell
 * against the column declarations. Problems are collected, never thrown.
 */
import type { ErrorCode, Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { ColumnDecl } from './dtoc-schema.ts';
import { rowSchema } from './dtoc-schema.ts';
import { parseMonthName } from '../domain/periods.ts';
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
  rows: TypedRow[];
  rowsRead: number;
  notAvailable: NotAvailableCount[];
  /** Keys (area and month) of rows left out because a cell failed its check. */
  broken: Set<string>;
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

/** Area and month of a row whose cells failed, when those two can be read: its key is still known. */
function keyOf(raw: Record<string, string>, columns: readonly ColumnDecl[]): string | undefined {
  const name = raw.Name?.trim();
  const period = columns.find((c) => c.kind === 'period');
  const month = period ? parseMonthName(raw[period.name] ?? '') : undefined;
  return name && month ? rowKey(name, month) : undefined;
}

export const rowKey = (name: string, month: string): string => `${name}\u0000${month}`;

/** "NA" means "not collected": a number is expected from the month a reason began to be collected. */
function collectedButNA(
  raw: Record<string, string>,
  row: TypedRow,
  columns: readonly ColumnDecl[],
): ColumnDecl[] {
  const late = columns.filter((c) => c.collectedFrom && raw[c.name]?.trim() === 'NA');
  if (late.length === 0) return late;
  const month = Object.values(row.values).find(
    (v) => typeof v === 'string' && /^\d{4}-\d{2}$/.test(v),
  ) as string | undefined;
  return month ? late.filter((c) => month >= c.collectedFrom!) : [];
}

export function typeRows(
  table: CsvTable,
  columns: readonly ColumnDecl[],
  problems: Problem[],
): TypedTable {
  const result: TypedTable = {
    file: table.file,
    rows: [],
    rowsRead: table.rows.length,
    notAvailable: [],
    broken: new Set(),
  };
  if (!checkHeader(table, columns, problems)) return result;
  const schema = rowSchema(columns);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const counts = new Map<string, NotAvailableCount>();
  for (const row of table.rows) {
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
      // The row is left out, but its area and month are known: rules that look for it must not
      // also report it missing.
      const key = keyOf(raw, columns);
      if (key) result.broken.add(key);
      continue;
    }
    countNotAvailable(table.file, raw, columns, counts);
    result.rows.push(typed);
  }
  result.notAvailable = [...counts.values()];
  return result;
}

function countNotAvailable(
  file: string,
  raw: Record<string, string>,
  columns: readonly ColumnDecl[],
  counts: Map<string, NotAvailableCount>,
): void {
  for (const column of columns) {
    const value = raw[column.name]?.trim() ?? '';
    const meaning = column.notAvailable?.[value];
    if (meaning === undefined) continue;
    const key = `${column.name}\u0000${value}`;
    const entry = counts.get(key) ?? { file, field: column.name, value, count: 0, meaning };
    entry.count++;
    counts.set(key, entry);
  }
}
