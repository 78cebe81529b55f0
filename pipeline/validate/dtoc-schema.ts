/**
 * The declared contract of NHS England's delayed-transfers-of-care files: columns, types, units,
 * ranges and keys. Row schemas are zod objects derived from these column declarations; each zod
 * message is one of our error codes, so a failing cell maps straight to a located problem.
 */
import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { parseMonthName, type Month } from '../domain/periods.ts';
import type { ReasonDef } from '../types.ts';

export type ColumnKind = 'code' | 'name' | 'days' | 'period';

export interface ColumnDecl {
  name: string;
  kind: ColumnKind;
  /** What a valid cell looks like, in words for error messages. */
  expected: string;
  /** Cell values that mean "not available", with what each means. */
  notAvailable?: Record<string, string>;
  /** First month the column was collected: "NA" (not collected) is accepted only before it. */
  collectedFrom?: Month;
}

/** A declared CSV file: where it is, its columns, and the key that identifies a row. */
export interface TableDecl {
  path: string;
  /**
   * The columns whose values identify a row: (area name, month), in that order, in both files.
   * Validation allows one row per key (DATA_ROW_DUPLICATE) and joins the two files on it.
   */
  key: readonly [area: string, month: string];
  columns: readonly ColumnDecl[];
}

/** No month can exceed this for any row: England's largest month is about 200,000 days. */
export const MAX_DAYS_PER_MONTH = 5_000_000;

const SUPPRESSED = { '-': 'suppressed or missing in the publication' };
const DAYS_EXPECTED = `a whole number of days from 0 to ${MAX_DAYS_PER_MONTH.toLocaleString('en-GB')}, or "-" where the value is suppressed`;

export const REASONS: ReasonDef[] = [
  { column: 'Awaiting completion of assessment', label: 'Completion of assessment' },
  { column: 'Awaiting public funding', label: 'Public funding' },
  { column: 'Awaiting further NHS non-acute care', label: 'Further NHS non-acute care' },
  {
    column: 'Awaiting residential home placement or availability',
    label: 'Residential home placement',
  },
  { column: 'Awaiting nursing home placement or availability', label: 'Nursing home placement' },
  { column: 'Awaiting care package in own home', label: 'Care package in own home' },
  {
    column: 'Awaiting community equipment and adaptations',
    label: 'Community equipment and adaptations',
  },
  { column: 'Patient or family choice', label: 'Patient or family choice' },
  { column: 'Disputes', label: 'Disputes' },
  { column: 'Housing - Patients not covered by NHS and Community Care Act', label: 'Housing' },
  { column: 'Other', label: 'Other', collectedFrom: '2017-04' },
];

const days = (name: string, notAvailable: Record<string, string> = SUPPRESSED): ColumnDecl => ({
  name,
  kind: 'days',
  expected: DAYS_EXPECTED,
  notAvailable,
});

export const REASON_FILE = {
  path: 'dtoc/delayed-days-by-reason.csv',
  key: ['Name', 'Period'],
  columns: [
    {
      name: 'Code',
      kind: 'code',
      expected:
        '"-" for England, a three-character local authority code such as "507" (to March 2015) or an ONS code such as "E06000015"',
    },
    { name: 'Name', kind: 'name', expected: 'the area name, as in earlier months' },
    ...REASONS.map((r) =>
      r.collectedFrom
        ? {
            ...days(r.column, { ...SUPPRESSED, NA: `not collected before ${r.collectedFrom}` }),
            collectedFrom: r.collectedFrom,
          }
        : days(r.column),
    ),
    days('Total Delayed Transfers of Care'),
    { name: 'Period', kind: 'period', expected: 'a month and year such as "April 2015"' },
  ] satisfies ColumnDecl[],
} as const satisfies TableDecl;

export const ORG_FILE = {
  path: 'dtoc/delayed-days-by-responsible-org.csv',
  key: ['Name', 'Period_year'],
  columns: [
    { name: 'Name', kind: 'name', expected: 'the area name, as in the reasons file' },
    days('NHS'),
    days('Social Care'),
    days('Both'),
    { name: 'Period_year', kind: 'period', expected: 'a month and year such as "April 2015"' },
  ] satisfies ColumnDecl[],
} as const satisfies TableDecl;

const CODE = /^(-|\d{3}|\d\d[A-Z]{2}|E\d{8})$/;

/** The zod schema for one cell of a declared column; messages are error codes. */
function cellSchema(column: ColumnDecl) {
  const text = z
    .string()
    .trim()
    .min(1, 'DATA_FIELD_EMPTY' satisfies ErrorCode);
  switch (column.kind) {
    case 'code':
      return text.regex(CODE, 'DATA_CODE_INVALID' satisfies ErrorCode);
    case 'name':
      return text;
    case 'period':
      return text
        .transform((s): string => parseMonthName(s) ?? '')
        .pipe(z.string().min(1, 'DATA_PERIOD_INVALID' satisfies ErrorCode))
        .transform((s) => s as Month);
    case 'days': {
      const tokens = Object.keys(column.notAvailable ?? {});
      const whole = z
        .string()
        .regex(/^\d+$/, 'DATA_FIELD_NOT_NUMBER' satisfies ErrorCode)
        .transform(Number)
        // A number too long for a double becomes Infinity, which is out of range too.
        .pipe(
          z
            .number({ error: 'DATA_FIELD_OUT_OF_RANGE' satisfies ErrorCode })
            .max(MAX_DAYS_PER_MONTH, 'DATA_FIELD_OUT_OF_RANGE' satisfies ErrorCode),
        );
      return text.transform((s) => (tokens.includes(s) ? null : s)).pipe(whole.nullable());
    }
  }
}

const schemas = new WeakMap<readonly ColumnDecl[], ReturnType<typeof buildRowSchema>>();

function buildRowSchema(columns: readonly ColumnDecl[]) {
  return z.object(Object.fromEntries(columns.map((c) => [c.name, cellSchema(c)])));
}

/** A zod object schema for a whole row, keyed by column name (built once per declaration). */
export function rowSchema(columns: readonly ColumnDecl[]) {
  let schema = schemas.get(columns);
  if (!schema) schemas.set(columns, (schema = buildRowSchema(columns)));
  return schema;
}

type CellParser = (cell: string) => unknown;
/** A cell the quick check cannot accept: the row goes through the zod schema for its problems. */
const REJECT = Symbol('reject');

function quickCell(column: ColumnDecl): CellParser {
  switch (column.kind) {
    case 'code':
      return (cell) => {
        const text = cell.trim();
        return CODE.test(text) ? text : REJECT;
      };
    case 'name':
      return (cell) => cell.trim() || REJECT;
    case 'period': {
      // A file has a few dozen distinct months and thousands of rows.
      const months = new Map<string, Month | undefined>();
      return (cell) => {
        let month = months.get(cell);
        if (month === undefined && !months.has(cell))
          months.set(cell, (month = parseMonthName(cell.trim())));
        return month ?? REJECT;
      };
    }
    case 'days': {
      const tokens = Object.keys(column.notAvailable ?? {});
      return (cell) => {
        const text = cell.trim();
        if (tokens.includes(text)) return null;
        if (!/^\d+$/.test(text)) return REJECT;
        const days = Number(text);
        return days <= MAX_DAYS_PER_MONTH ? days : REJECT;
      };
    }
  }
}

/**
 * The same reading of a row as `rowSchema`, written out for speed (a DToC file has tens of
 * thousands of rows): the row's values, or undefined when any cell fails, in which case the zod
 * schema reads the row again to say what is wrong. `header` gives the file's column order.
 * test/validate/quick-rows.test.ts checks it agrees with the zod schema.
 */
export function quickRowParser(
  columns: readonly ColumnDecl[],
  header: readonly string[],
): (cells: readonly string[]) => Record<string, unknown> | undefined {
  const parsers = columns.map((c) => ({
    name: c.name,
    index: header.indexOf(c.name),
    parse: quickCell(c),
  }));
  return (cells) => {
    const values: Record<string, unknown> = {};
    for (const { name, index, parse } of parsers) {
      const value = parse(cells[index] ?? '');
      if (value === REJECT) return undefined;
      values[name] = value;
    }
    return values;
  };
}
