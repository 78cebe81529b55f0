/**
 * Every user-facing message, one function each. Tests assert on codes and locations; the wording
 * lives here so it can be improved in one place.
 */
import type { ErrorCode } from '../errors.ts';
import type { MessageDef } from '../validate/problems.ts';
import type { ColumnDecl } from '../validate/dtoc-schema.ts';
import { monthLabel, type Month } from '../domain/periods.ts';

const n = (value: number): string => value.toLocaleString('en-GB');
const quoted = (value: string): string =>
  JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);

// ---------- files ----------

export const fileMissing = (path: string): MessageDef => ({
  code: 'DATA_FILE_MISSING',
  message: 'the file is missing',
  hint: `restore ${path} (see data/README.md for where it comes from)`,
});

export const fileEmpty = (): MessageDef => ({
  code: 'DATA_FILE_EMPTY',
  message: 'the file is empty',
  expected: 'a header row and at least one data row',
  hint: 'the download or copy may have failed; fetch the file again',
});

export const fileBinary = (): MessageDef => ({
  code: 'DATA_FILE_BINARY',
  message: 'the file contains binary data (a NUL byte), not text',
  hint: 'export the data as CSV (UTF-8), not as a spreadsheet or archive',
});

export const fileNotUtf8 = (): MessageDef => ({
  code: 'DATA_FILE_NOT_UTF8',
  message: 'the file is not valid UTF-8 text',
  hint: 'save it as "CSV UTF-8"; a file saved as Windows-1252 or Latin-1 breaks characters such as £ and –',
});

export const csvMalformed = (reason: string): MessageDef => ({
  code: 'DATA_CSV_MALFORMED',
  message: `the CSV cannot be read: ${reason}`,
  hint: 'look for a stray or unclosed double quote near this line',
});

export const csvHeaderOnly = (): MessageDef => ({
  code: 'DATA_CSV_HEADER_ONLY',
  message: 'the file has a header row but no data rows',
  hint: 'the export may have been cut short; fetch the file again',
});

export const rowWrongLength = (expected: number, got: number): MessageDef => ({
  code: 'DATA_ROW_WRONG_LENGTH',
  message: `expected ${expected} columns, got ${got}`,
  expected: `${expected} columns`,
  got: `${got}`,
  hint:
    got < expected
      ? 'the row looks truncated; check the end of the line'
      : 'a value may contain an unquoted comma',
});

export const columnMissing = (name: string, declared: string[]): MessageDef => ({
  code: 'DATA_COLUMN_MISSING',
  message: `required column ${quoted(name)} is missing from the header`,
  hint: `the header must name these columns: ${declared.join(', ')}`,
});

export const columnUnknown = (name: string, declared: string[]): MessageDef => ({
  code: 'DATA_COLUMN_UNKNOWN',
  message: `column ${quoted(name)} is not part of the declared schema`,
  hint: `if the publication added or renamed a column, declare it in pipeline/validate/dtoc-schema.ts; expected only: ${declared.join(', ')}`,
});

// ---------- cells ----------

const cellHints: Partial<Record<ErrorCode, string>> = {
  DATA_FIELD_EMPTY: 'write "-" for a suppressed or missing value; never leave the cell blank',
  DATA_FIELD_NOT_NUMBER:
    'use digits only (no commas, units or notes); write "-" where the value is suppressed',
  DATA_FIELD_OUT_OF_RANGE: 'check for a typing error or a value pasted into the wrong column',
  DATA_PERIOD_INVALID: 'write the month in full followed by the year, as in "April 2015"',
  DATA_CODE_INVALID: 'copy the code exactly from the publication; England\'s code is "-"',
};

export const cellInvalid = (code: ErrorCode, column: ColumnDecl, got: string): MessageDef => ({
  code,
  message: `expected ${column.expected}, got ${quoted(got)}`,
  expected: column.expected,
  got,
  ...(cellHints[code] ? { hint: cellHints[code] } : {}),
});

// ---------- keys and domain rules ----------

export const rowDuplicate = (name: string, month: Month, firstLine: number): MessageDef => ({
  code: 'DATA_ROW_DUPLICATE',
  message: `a second row for ${name}, ${monthLabel(month)} (the first is on line ${firstLine})`,
  hint: 'each area has one row per month; delete the repeated row',
});

export const orgRowMissing = (
  name: string,
  month: Month,
  otherFile: string,
  otherLine: number,
): MessageDef => ({
  code: 'DATA_ORG_ROW_MISSING',
  message: `no row for ${name}, ${monthLabel(month)}, which ${otherFile}:${otherLine} has`,
  hint: 'both files must cover the same areas and months',
});

export const reasonRowMissing = (name: string, month: Month, otherFile: string): MessageDef => ({
  code: 'DATA_ORG_ROW_MISSING',
  message: `${name}, ${monthLabel(month)} has no matching row in ${otherFile}`,
  hint: 'both files must cover the same areas and months; check the area name is spelt the same way',
});

export const codeSharedByAreas = (
  code: string,
  name: string,
  other: string,
  otherLine: number,
): MessageDef => ({
  code: 'DATA_AREA_CODE_CONFLICT',
  message: `code ${code} is used by ${name} here and by ${other} on line ${otherLine}`,
  hint: 'an area code belongs to one area; if authorities merged, give the new area its own name and code',
});

export const areaHasTwoCodes = (name: string, first: string, second: string): MessageDef => ({
  code: 'DATA_AREA_CODE_CONFLICT',
  message: `${name} has code ${second} here but ${first} elsewhere`,
  hint: 'an area has at most one old code (to March 2015) and one ONS code; check the row belongs to this area',
});

export const monthMissing = (name: string, from: Month, to: Month = from): MessageDef => ({
  code: 'DATA_MONTH_MISSING',
  message:
    from === to
      ? `${name} has no row for ${monthLabel(from)}`
      : `${name} has no rows from ${monthLabel(from)} to ${monthLabel(to)}`,
  hint:
    from === to
      ? 'add the month, with "-" in cells that were not published'
      : 'add the months, or check the Period of the rows around this gap for a mistyped year',
});

export const reasonsNotTotal = (total: number, sum: number, complete: boolean): MessageDef => ({
  code: 'DATA_REASONS_NOT_TOTAL',
  message: complete
    ? `the reasons add up to ${n(sum)}, but the total is ${n(total)}`
    : `the reasons that are available already add up to ${n(sum)}, more than the total of ${n(total)}`,
  expected: n(sum),
  got: n(total),
  hint: 'check for a mistyped cell in this row',
});

export const orgNotTotal = (
  name: string,
  month: Month,
  sum: number,
  total: number,
  otherFile: string,
  otherLine: number,
): MessageDef => ({
  code: 'DATA_ORG_NOT_TOTAL',
  message: `NHS + Social Care + Both = ${n(sum)} for ${name}, ${monthLabel(month)}, but the total in ${otherFile}:${otherLine} is ${n(total)}`,
  expected: n(total),
  got: n(sum),
  hint: 'check for a mistyped cell in this row or in the matching row of the reasons file',
});

export const englandMissing = (): MessageDef => ({
  code: 'DATA_ENGLAND_MISSING',
  message: 'there are no rows for England',
  hint: 'the national rows have Name "England" and Code "-"',
});

export const englandBelowAreas = (month: Month, england: number, areas: number): MessageDef => ({
  code: 'DATA_ENGLAND_BELOW_AREAS',
  message: `England's total for ${monthLabel(month)} (${n(england)}) is less than the sum of its areas (${n(areas)})`,
  hint: "an area row may be duplicated under another name, or England's row mistyped",
});

export const englandFarFromAreas = (month: Month, england: number, areas: number): MessageDef => ({
  code: 'DATA_ENGLAND_FAR_FROM_AREAS',
  message: `England's total for ${monthLabel(month)} (${n(england)}) is more than 1% above the sum of its areas (${n(areas)})`,
  hint: "an area may be missing this month, or England's row mistyped",
});

export const valueUnusual = (
  name: string,
  month: Month,
  value: number,
  median: number,
): MessageDef => ({
  code: 'DATA_VALUE_UNUSUAL',
  message: `${name} has ${n(value)} delayed days in ${monthLabel(month)}, far from its usual ${n(median)} a month`,
  hint: 'check the value against the publication; use --strict to make this an error',
});

export const columnDuplicate = (name: string): MessageDef => ({
  code: 'DATA_COLUMN_DUPLICATE',
  message: `column ${quoted(name)} appears more than once in the header`,
  hint: 'delete the repeated column; each column may appear once',
});

export const notCollectedAnyMore = (column: ColumnDecl, got: string): MessageDef => ({
  code: 'DATA_FIELD_NOT_NUMBER',
  message: `"${column.name}" has been collected since ${column.collectedFrom ? monthLabel(column.collectedFrom) : 'this month'}, so "NA" (not collected) cannot appear here; got ${quoted(got)}`,
  expected: column.expected,
  got,
  hint: 'give the number of days, or "-" if the value was suppressed',
});
