/**
 * Turn the rows of a declared CSV file into typed records, checking the header and every cell
 * against the column declarations. Problems are collected, never thrown.
 */
import type { ErrorCode, Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { ColumnDecl } from './dtoc-schema.ts';
import { rowSchema } from './dtoc-schema.ts';
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
    if (!declared.includes(name)) {
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
  };
  if (!checkHeader(table, columns, problems)) return result;
  const schema = rowSchema(columns);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const counts = new Map<string, NotAvailableCount>();
  for (const row of table.rows) {
    const raw = Object.fromEntries(table.header.map((name, i) => [name, row.cells[i] ?? '']));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const column = byName.get(field)!;
        const def = msg.cellInvalid(issue.message as ErrorCode, column, raw[field] ?? '');
        problems.push(problem(table.file, { line: row.line, field }, def));
      }
      continue;
    }
    countNotAvailable(table.file, raw, columns, counts);
    result.rows.push({ line: row.line, values: parsed.data });
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
