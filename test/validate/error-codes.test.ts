/**
 * One failing fixture per input error code: each test changes one thing in the valid in-memory
 * fixture and checks the problem's code and location (file, line, field), never its wording.
 * The codes raised after validation (a chart that cannot be drawn, a distribution already
 * running) are at the end, triggered the way they happen.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysByYear } from '../../pipeline/charts/specs/national.ts';
import { lockState } from '../../pipeline/distribute/ledger.ts';
import {
  PipelineError,
  type ErrorCode,
  type Location,
  type Problem,
} from '../../pipeline/errors.ts';
import { monthRange, type Month } from '../../pipeline/domain/periods.ts';
import { renderCharts } from '../../pipeline/stages/charts.ts';
import { validate, type ValidateOptions } from '../../pipeline/stages/validate.ts';
import type { InputFile, ValidDataset } from '../../pipeline/types.ts';
import { readCsv } from '../../pipeline/validate/csv.ts';
import { joinMonths } from '../../pipeline/validate/dtoc-assemble.ts';
import { typeRows } from '../../pipeline/validate/dtoc-rows.ts';
import {
  MAX_DAYS_PER_MONTH,
  ORG_FILE,
  REASON_FILE,
  type TableDecl,
} from '../../pipeline/validate/dtoc-schema.ts';
import {
  AREAS,
  CONTENT,
  dtocRows,
  dtocRowsFor,
  FIXTURE_OPTIONS,
  fixtureFiles,
  ORG_HEADER,
  REASON_HEADER,
  setRowTotal,
  TEMPLATE,
  MONTHS,
  toCsv,
  withFile,
  type DtocRows,
  type FixtureOptions,
} from '../helpers/fixtures.ts';
import { expectProblem, problemsOf } from '../helpers/expect-problem.ts';

const REASONS = 'data/dtoc/delayed-days-by-reason.csv';
const ORGS = 'data/dtoc/delayed-days-by-responsible-org.csv';
const BRIEFING = 'data/bcf/briefing.yaml';
const SOURCES = 'data/bcf/sources.yaml';
const CLAIMS = 'data/bcf/claims.yaml';
const QUOTES = 'data/bcf/quotes.yaml';
const ARTICLE = 'data/sources/article.txt';
const HBS = 'templates/bcf/briefing.hbs';
const TOTAL = 'Total Delayed Transfers of Care';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * Row `i` of `dtocRows()` is on line i + 2 of its file (the header is line 1). Month m (0 = April
 * 2014, 23 = March 2016) has England at row 3m, Barnet at 3m + 1 and Derby at 3m + 2.
 */
const lineOfRow = (i: number): number => i + 2;
const row = (month: number, area: 'England' | 'Barnet' | 'Derby'): number =>
  3 * month + ['England', 'Barnet', 'Derby'].indexOf(area);

/** Column indexes of the reasons file. */
const R = {
  code: 0,
  name: 1,
  firstReason: 2,
  publicFunding: 3,
  other: REASON_HEADER.indexOf('Other'),
  total: REASON_HEADER.indexOf(TOTAL),
  period: REASON_HEADER.length - 1,
};

const totalOf = (rows: DtocRows, i: number): number => Number(rows.reasons[i]![R.total]);

function run(options: FixtureOptions = {}, settings: Partial<ValidateOptions> = {}): ValidDataset {
  return validate({ files: fixtureFiles(options) }, { ...FIXTURE_OPTIONS, ...settings });
}

function fail(options: FixtureOptions = {}, settings: Partial<ValidateOptions> = {}): Problem[] {
  return problemsOf(() => run(options, settings));
}

function failFiles(files: InputFile[], settings: Partial<ValidateOptions> = {}): Problem[] {
  return problemsOf(() => validate({ files }, { ...FIXTURE_OPTIONS, ...settings }));
}

/**
 * Exactly one problem with `code`, at exactly `at`: a line or field the test leaves out must be
 * absent. The column is compared only when the test gives one.
 */
function expectAt(problems: Problem[], code: ErrorCode, at: Location): Problem {
  const p = expectProblem(problems, code, at);
  const { column: _column, ...rest } = p.at;
  expect(at.column === undefined ? rest : p.at).toEqual(at);
  return p;
}

/** Bytes of a text file with `bytes` spliced in at the start of line `line` (1-based). */
function withBytesAtLine(text: string, line: number, bytes: number[]): Uint8Array {
  const lines = text.split('\n');
  const before = enc(lines.slice(0, line - 1).join('\n') + (line > 1 ? '\n' : ''));
  const after = enc(lines.slice(line - 1).join('\n'));
  return new Uint8Array([...before, ...bytes, ...after]);
}

const reasonCsv = (rows: DtocRows = dtocRows()): string => toCsv(REASON_HEADER, rows.reasons);
const orgCsv = (rows: DtocRows = dtocRows()): string => toCsv(ORG_HEADER, rows.orgs);

/** A CSV with quotes only where a cell needs them, as spreadsheets export it. */
function plainCsv(header: readonly string[], rows: string[][]): string {
  const cell = (c: string): string => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

// ---------- the data files ----------

describe('error codes: data files', () => {
  it('DATA_FILE_MISSING: a data file or a content file is not there', () => {
    expectAt(failFiles(withFile(fixtureFiles(), REASONS, undefined)), 'DATA_FILE_MISSING', {
      file: REASONS,
    });
    expectAt(failFiles(withFile(fixtureFiles(), CLAIMS, undefined)), 'DATA_FILE_MISSING', {
      file: CLAIMS,
    });
  });

  it('DATA_FILE_EMPTY: an empty or blank file, at file level', () => {
    expectAt(fail({ orgCsv: '' }), 'DATA_FILE_EMPTY', { file: ORGS });
    expectAt(fail({ reasonCsv: ' \r\n\n' }), 'DATA_FILE_EMPTY', { file: REASONS });
  });

  it('DATA_FILE_NOT_UTF8: a Latin-1 byte, at the line it is on', () => {
    // "£" saved as Windows-1252 is the single byte 0xA3.
    const bytes = withBytesAtLine(reasonCsv(), 4, [0xa3]);
    expectAt(failFiles(withFile(fixtureFiles(), REASONS, bytes)), 'DATA_FILE_NOT_UTF8', {
      file: REASONS,
      line: 4,
    });
  });

  it('DATA_FILE_BINARY: a NUL byte, at the line it is on', () => {
    const bytes = withBytesAtLine(orgCsv(), 7, [0x00]);
    expectAt(failFiles(withFile(fixtureFiles(), ORGS, bytes)), 'DATA_FILE_BINARY', {
      file: ORGS,
      line: 7,
    });
  });

  it('DATA_CSV_MALFORMED: a stray quote inside a cell, at its line', () => {
    const lines = reasonCsv().split('\n');
    lines[2] = lines[2]!.replace('"Barnet"', 'Bar"net"');
    expectAt(fail({ reasonCsv: lines.join('\n') }), 'DATA_CSV_MALFORMED', {
      file: REASONS,
      line: 3,
    });
  });

  it('DATA_CSV_MALFORMED: an unclosed quote is located where it opens, not at the end of the file', () => {
    // In a CSV quoted only where needed, a cell that opens a quote and never closes it swallows
    // the rest of the file; csv-parse reports the line it stopped on, which is the last one.
    const lines = plainCsv(REASON_HEADER, dtocRows().reasons).split('\n');
    lines[2] = lines[2]!.replace('Barnet', '"Barnet');
    const p = expectProblem(fail({ reasonCsv: lines.join('\n') }), 'DATA_CSV_MALFORMED', {
      file: REASONS,
    });
    expect(p.at.line).toBe(3);
  });

  it('DATA_CSV_HEADER_ONLY: a header and no rows, at line 1', () => {
    expectAt(fail({ orgCsv: toCsv(ORG_HEADER, []) }), 'DATA_CSV_HEADER_ONLY', {
      file: ORGS,
      line: 1,
    });
  });

  it('DATA_COLUMN_MISSING: a declared column is not in the header, at line 1 with its name', () => {
    const drop = REASON_HEADER.indexOf('Disputes');
    const rows = dtocRows().reasons.map((r) => r.filter((_, i) => i !== drop));
    const header = REASON_HEADER.filter((_, i) => i !== drop);
    expectAt(fail({ reasonCsv: toCsv(header, rows) }), 'DATA_COLUMN_MISSING', {
      file: REASONS,
      line: 1,
      field: 'Disputes',
    });
  });

  it('DATA_COLUMN_UNKNOWN: an undeclared column, at line 1 and its column number', () => {
    const rows = dtocRows().orgs.map((r) => [...r, 'x']);
    expectAt(fail({ orgCsv: toCsv([...ORG_HEADER, 'Notes'], rows) }), 'DATA_COLUMN_UNKNOWN', {
      file: ORGS,
      line: 1,
      column: ORG_HEADER.length + 1,
      field: 'Notes',
    });
  });

  it('DATA_ROW_WRONG_LENGTH: a row with a cell too few or too many, at its line', () => {
    const short = dtocRows();
    short.orgs[5]!.pop();
    expectAt(fail({ rows: short }), 'DATA_ROW_WRONG_LENGTH', { file: ORGS, line: lineOfRow(5) });
    const long = dtocRows();
    long.reasons[10]!.push('');
    expectAt(fail({ rows: long }), 'DATA_ROW_WRONG_LENGTH', {
      file: REASONS,
      line: lineOfRow(10),
    });
  });
});

// ---------- cells ----------

describe('error codes: cells', () => {
  const cell = (file: 'reasons' | 'orgs', i: number, column: number, value: string) => {
    const rows = dtocRows();
    rows[file][i]![column] = value;
    return fail({ rows });
  };

  it('DATA_FIELD_NOT_NUMBER: text in a days column, at its line and column name', () => {
    for (const value of ['12a', '1,234', '-5', '12.5', 'n/a']) {
      expectAt(cell('reasons', 4, R.publicFunding, value), 'DATA_FIELD_NOT_NUMBER', {
        file: REASONS,
        line: lineOfRow(4),
        field: 'Awaiting public funding',
      });
    }
    expectAt(cell('orgs', 8, 2, 'NA'), 'DATA_FIELD_NOT_NUMBER', {
      file: ORGS,
      line: lineOfRow(8),
      field: 'Social Care',
    });
  });

  it('DATA_FIELD_OUT_OF_RANGE: more days than any area can have in a month', () => {
    expectAt(cell('orgs', 3, 1, String(MAX_DAYS_PER_MONTH + 1)), 'DATA_FIELD_OUT_OF_RANGE', {
      file: ORGS,
      line: lineOfRow(3),
      field: 'NHS',
    });
  });

  it('DATA_FIELD_OUT_OF_RANGE: a number too long for a double is out of range, not a zod message', () => {
    // Number("1000…0") with 400 digits is Infinity, which z.number() rejects with its own
    // message; typeRows then uses that message as the problem's code.
    const problems = cell('reasons', 4, R.total, `1${'0'.repeat(400)}`);
    const codes = problems.map((p) => p.code);
    expect(codes, codes.join(', ')).toContain('DATA_FIELD_OUT_OF_RANGE');
    expectAt(problems, 'DATA_FIELD_OUT_OF_RANGE', {
      file: REASONS,
      line: lineOfRow(4),
      field: TOTAL,
    });
  });

  it('DATA_FIELD_EMPTY: an empty or blank cell, at its line and column name', () => {
    expectAt(cell('reasons', 7, R.total, ''), 'DATA_FIELD_EMPTY', {
      file: REASONS,
      line: lineOfRow(7),
      field: TOTAL,
    });
    expectAt(cell('orgs', 7, 0, '  '), 'DATA_FIELD_EMPTY', {
      file: ORGS,
      line: lineOfRow(7),
      field: 'Name',
    });
  });

  it('DATA_PERIOD_INVALID: a month that is not a month, in either file', () => {
    expectAt(cell('reasons', 11, R.period, 'Aprl 2015'), 'DATA_PERIOD_INVALID', {
      file: REASONS,
      line: lineOfRow(11),
      field: 'Period',
    });
    expectAt(cell('orgs', 11, 4, '2015-04'), 'DATA_PERIOD_INVALID', {
      file: ORGS,
      line: lineOfRow(11),
      field: 'Period_year',
    });
  });

  it('DATA_CODE_INVALID: an area code of the wrong shape', () => {
    expectAt(cell('reasons', 40, R.code, 'E0600001'), 'DATA_CODE_INVALID', {
      file: REASONS,
      line: lineOfRow(40),
      field: 'Code',
    });
  });

  it('DATA_FIELD_NOT_NUMBER: "NA" in Other is accepted only before April 2017', () => {
    // "NA" means "not collected before 2017-04", but the schema accepts it in any month; the
    // reasons check then treats the row as incomplete and lets it through.
    const months = monthRange('2017-04' as Month, '2018-03' as Month);
    const content = { 'claims.yaml': CONTENT['claims.yaml'].replace('2015-16 }', '2017-18 }') };
    expect(run({ rows: dtocRowsFor(AREAS, months), content }).dtoc.months).toEqual(months);
    const rows = dtocRowsFor(AREAS, months);
    const i = 3 * 2 + 1; // Barnet, June 2017
    rows.reasons[i]![R.other] = 'NA';
    expectAt(fail({ rows, content }), 'DATA_FIELD_NOT_NUMBER', {
      file: REASONS,
      line: lineOfRow(i),
      field: 'Other',
    });
  });

  it('DATA_COLUMN_DUPLICATE: a column named twice in the header, at line 1 and the second copy', () => {
    // checkHeader accepted a repeated declared column; typeRows then kept the last copy's value.
    const rows = dtocRows().orgs.map((r) => [...r, r[1]!]);
    expectAt(fail({ orgCsv: toCsv([...ORG_HEADER, 'NHS'], rows) }), 'DATA_COLUMN_DUPLICATE', {
      file: ORGS,
      line: 1,
      column: ORG_HEADER.length + 1,
      field: 'NHS',
    });
  });

  it('a row whose quoted cell spans two lines is located at the line it starts on', () => {
    // csv.ts documents CsvRow.line as "the line where the row starts", but uses csv-parse's
    // info.lines, which is the line where the record ends.
    const text = 'Name,NHS\n"Bath and\nNorth East Somerset",12\nDerby,3\n';
    const problems: Problem[] = [];
    const table = readCsv({ path: ORGS, bytes: enc(text) }, problems);
    expect(problems).toEqual([]);
    expect(table?.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('rows after a blank line, or after a quoted cell with a quote in it, keep their own line numbers', () => {
    // Without a cell spanning lines, the lines are counted without csv-parse's record info.
    const text = 'Name,NHS\nDerby,3\n\n"Bath ""and"" NES",4\n\n\nYork,5\n';
    const problems: Problem[] = [];
    const table = readCsv({ path: ORGS, bytes: enc(text) }, problems);
    expect(problems).toEqual([]);
    expect(table?.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'Derby'],
      [4, 'Bath "and" NES'],
      [7, 'York'],
    ]);
  });

  it('mixed line endings (LF after the header, CRLF after that) keep the right line numbers', () => {
    // csv-parse takes LF as the record delimiter from the first line and then counts each CRLF
    // as two lines, so every row after the header is reported about twice as far down.
    const rows = dtocRows();
    rows.reasons[4]![R.publicFunding] = '12a';
    const [header, ...body] = plainCsv(REASON_HEADER, rows.reasons).split('\n');
    const mixed = `${header}\n${body.join('\r\n')}`;
    expectAt(fail({ reasonCsv: mixed }), 'DATA_FIELD_NOT_NUMBER', {
      file: REASONS,
      line: lineOfRow(4),
      field: 'Awaiting public funding',
    });
  });

  it('one mistyped cell is one problem, not also a missing row, month and England mismatch', () => {
    // The row with the bad cell is dropped before the files are joined, so the rules then
    // report, falsely, that Barnet has no reasons row and no row for May 2014, and that
    // England is far above its areas that month.
    const problems = cell('reasons', row(1, 'Barnet'), R.publicFunding, '12a');
    expect(problems.map((p) => p.code)).toEqual(['DATA_FIELD_NOT_NUMBER']);
  });
});

// ---------- keys and domain rules ----------

describe('error codes: keys and domain rules', () => {
  it('DATA_ROW_DUPLICATE: a second row for an area and month, at the second one', () => {
    const rows = dtocRows();
    rows.reasons.splice(7, 0, [...rows.reasons[4]!]);
    expectAt(fail({ rows }), 'DATA_ROW_DUPLICATE', {
      file: REASONS,
      line: lineOfRow(7),
      field: 'Period',
    });
    const orgRows = dtocRows();
    orgRows.orgs.push([...orgRows.orgs[0]!]);
    expectAt(fail({ rows: orgRows }), 'DATA_ROW_DUPLICATE', {
      file: ORGS,
      line: lineOfRow(orgRows.orgs.length - 1),
      field: 'Period_year',
    });
  });

  it('DATA_ROW_DUPLICATE: "one row per area and month" is the key each file declares', () => {
    // Derby's row in month 13 given Barnet's code: a duplicate only under a (Code, Period) key.
    const rows = dtocRows();
    const i = row(13, 'Derby');
    rows.reasons[i]![R.code] = 'E09000003';
    const duplicates = (key: TableDecl['key']): Problem[] => {
      const problems: Problem[] = [];
      const typed = (decl: TableDecl, path: string, text: string) =>
        typeRows(readCsv({ path, bytes: enc(text) }, problems)!, decl, problems);
      joinMonths(
        typed({ ...REASON_FILE, key }, REASONS, reasonCsv(rows)),
        typed(ORG_FILE, ORGS, orgCsv(rows)),
        problems,
      );
      return problems.filter((p) => p.code === 'DATA_ROW_DUPLICATE');
    };
    expect(REASON_FILE.key).toEqual(['Name', 'Period']);
    expect(duplicates(REASON_FILE.key)).toEqual([]);
    expectAt(duplicates(['Code', 'Period']), 'DATA_ROW_DUPLICATE', {
      file: REASONS,
      line: lineOfRow(i),
      field: 'Period',
    });
  });

  it('DATA_MONTH_MISSING: an area skips a month inside its span (no line: the row is not there)', () => {
    const rows = dtocRows();
    const gap = row(5, 'Derby');
    rows.reasons.splice(gap, 1);
    rows.orgs.splice(gap, 1);
    expectAt(fail({ rows }), 'DATA_MONTH_MISSING', { file: REASONS, field: 'Period' });
  });

  it('DATA_MONTH_MISSING: an area whose latest months are missing (not delivered) while others have them', () => {
    const rows = dtocRows();
    const last = row(MONTHS.length - 1, 'Derby');
    rows.reasons.splice(last, 1);
    rows.orgs.splice(last, 1);
    const problems = fail({ rows });
    expectAt(problems, 'DATA_MONTH_MISSING', { file: REASONS, field: 'Period' });
    expect(problems.map((p) => p.message).join('\n')).toContain('Derby');
  });

  it('DATA_MONTH_MISSING: England skipping a month is caught like any area', () => {
    // England is taken out of the areas before the one-row-per-month rule runs, and the
    // England-vs-areas rule only looks at England's own months, so the gap passes silently.
    const rows = dtocRows();
    const gap = row(3, 'England');
    rows.reasons.splice(gap, 1);
    rows.orgs.splice(gap, 1);
    expectAt(fail({ rows }), 'DATA_MONTH_MISSING', { file: REASONS, field: 'Period' });
  });

  it('areas reporting a month that England has no row for fail validation', () => {
    // April 2016 for Barnet and Derby, but no England row: England's total can't be checked
    // against its areas that month, and nothing is reported.
    const rows = dtocRows();
    for (const area of ['Barnet', 'Derby'] as const) {
      const i = row(23, area);
      const reasons = [...rows.reasons[i]!];
      reasons[R.period] = 'April 2016';
      reasons[R.code] = area === 'Barnet' ? 'E09000003' : 'E06000015';
      rows.reasons.push(reasons);
      rows.orgs.push([...rows.orgs[i]!.slice(0, 4), 'April 2016']);
    }
    expectAt(fail({ rows }), 'DATA_MONTH_MISSING', { file: REASONS, field: 'Period' });
  });

  it('DATA_REASONS_NOT_TOTAL: reasons that do not add up to the total, at the total', () => {
    const rows = dtocRows();
    rows.reasons[16]![R.firstReason] = String(Number(rows.reasons[16]![R.firstReason]) + 1);
    expectAt(fail({ rows }), 'DATA_REASONS_NOT_TOTAL', {
      file: REASONS,
      line: lineOfRow(16),
      field: TOTAL,
    });
  });

  it('DATA_REASONS_NOT_TOTAL: the reasons available already exceed the total', () => {
    const rows = dtocRows();
    const i = row(2, 'Derby');
    rows.reasons[i]![R.publicFunding] = '-';
    rows.reasons[i]![R.firstReason] = String(totalOf(rows, i) + 1);
    expectAt(fail({ rows }), 'DATA_REASONS_NOT_TOTAL', {
      file: REASONS,
      line: lineOfRow(i),
      field: TOTAL,
    });
  });

  it('DATA_ORG_NOT_TOTAL: NHS + Social Care + Both differ from the total, in the org file', () => {
    const rows = dtocRows();
    rows.orgs[20]![1] = String(Number(rows.orgs[20]![1]) + 3);
    expectAt(fail({ rows }), 'DATA_ORG_NOT_TOTAL', {
      file: ORGS,
      line: lineOfRow(20),
      field: 'Both',
    });
  });

  it('DATA_ORG_ROW_MISSING: a reasons row with no org row (no line: the row is not there)', () => {
    const rows = dtocRows();
    rows.orgs.splice(13, 1);
    expectAt(fail({ rows }), 'DATA_ORG_ROW_MISSING', { file: ORGS, field: 'Name' });
  });

  it('DATA_ORG_ROW_MISSING: an org row with no reasons row, at the org row', () => {
    const rows = dtocRows();
    rows.reasons.splice(13, 1);
    expectAt(fail({ rows }), 'DATA_ORG_ROW_MISSING', {
      file: ORGS,
      line: lineOfRow(13),
      field: 'Name',
    });
  });

  it('DATA_ENGLAND_MISSING: no England rows at all', () => {
    const rows = dtocRows();
    const keep = (r: string[]) => !r.includes('England');
    const problems = fail({
      rows: { reasons: rows.reasons.filter(keep), orgs: rows.orgs.filter(keep) },
    });
    expectAt(problems, 'DATA_ENGLAND_MISSING', { file: REASONS, field: 'Name' });
  });

  it("DATA_ENGLAND_BELOW_AREAS: England's total is less than its areas', at England's row", () => {
    const rows = dtocRows();
    const areas = totalOf(rows, row(4, 'Barnet')) + totalOf(rows, row(4, 'Derby'));
    setRowTotal(rows, row(4, 'England'), areas - 1);
    expectAt(fail({ rows }), 'DATA_ENGLAND_BELOW_AREAS', {
      file: REASONS,
      line: lineOfRow(row(4, 'England')),
      field: TOTAL,
    });
  });

  it("DATA_ENGLAND_FAR_FROM_AREAS: England is more than 1% above its areas', at England's row", () => {
    const rows = dtocRows();
    const areas = totalOf(rows, row(9, 'Barnet')) + totalOf(rows, row(9, 'Derby'));
    setRowTotal(rows, row(9, 'England'), Math.ceil(areas * 1.05));
    expectAt(fail({ rows }), 'DATA_ENGLAND_FAR_FROM_AREAS', {
      file: REASONS,
      line: lineOfRow(row(9, 'England')),
      field: TOTAL,
    });
  });

  it('DATA_AREA_CODE_CONFLICT: a code used by two areas, at the later row', () => {
    const rows = dtocRows();
    const i = row(13, 'Derby');
    rows.reasons[i]![R.code] = 'E09000003'; // Barnet's
    expectAt(fail({ rows }), 'DATA_AREA_CODE_CONFLICT', {
      file: REASONS,
      line: lineOfRow(i),
      field: 'Code',
    });
  });

  it('DATA_AREA_CODE_CONFLICT: an area with two different old codes, at the second', () => {
    const rows = dtocRows();
    const i = row(2, 'Barnet');
    rows.reasons[i]![R.code] = '718';
    expectAt(fail({ rows }), 'DATA_AREA_CODE_CONFLICT', {
      file: REASONS,
      line: lineOfRow(i),
      field: 'Code',
    });
  });

  describe('DATA_VALUE_UNUSUAL', () => {
    const unusual = () => {
      const rows = dtocRows();
      const month = 10;
      setRowTotal(rows, row(month, 'Barnet'), 5000);
      const areas = totalOf(rows, row(month, 'Barnet')) + totalOf(rows, row(month, 'Derby'));
      setRowTotal(rows, row(month, 'England'), areas + 5);
      return { rows, at: { file: REASONS, line: lineOfRow(row(month, 'Barnet')), field: TOTAL } };
    };

    it('is a warning in the report, and the build goes on', () => {
      const { rows, at } = unusual();
      const valid = run({ rows });
      expect(valid.report.warnings.map((w) => w.code)).toEqual(['DATA_VALUE_UNUSUAL']);
      expectAt(valid.report.warnings, 'DATA_VALUE_UNUSUAL', at);
      expect(valid.report.warnings[0]!.severity).toBe('warning');
    });

    it('is an error with --strict, reported as one', () => {
      const { rows, at } = unusual();
      expect(expectAt(fail({ rows }, { strict: true }), 'DATA_VALUE_UNUSUAL', at).severity).toBe(
        'error',
      );
    });
  });
});

// ---------- what the CSV reader accepts ----------

describe('the CSV reader accepts', () => {
  const normal = run();
  const same = (valid: ValidDataset) => {
    expect(valid.dtoc).toEqual(normal.dtoc);
    expect(valid.report.rules).toEqual(normal.report.rules);
    expect(valid.report.notAvailable).toEqual(normal.report.notAvailable);
    expect(valid.report.inputs.map((i) => i.rows)).toEqual(normal.report.inputs.map((i) => i.rows));
  };

  it('quoted fields with commas inside, quoted only where needed', () => {
    const rows = dtocRows();
    for (const r of [...rows.reasons, ...rows.orgs])
      r.forEach((c, i) => (r[i] = c === 'Barnet' ? 'Bath, North East Somerset' : c));
    const quotedAll = run({ rows });
    const quotedWhereNeeded = run({
      reasonCsv: plainCsv(REASON_HEADER, rows.reasons),
      orgCsv: plainCsv(ORG_HEADER, rows.orgs),
    });
    expect(quotedWhereNeeded.dtoc).toEqual(quotedAll.dtoc);
    expect(quotedAll.dtoc.areas.map((a) => a.name)).toEqual(['Bath, North East Somerset', 'Derby']);
    expect(quotedAll.dtoc.areas[0]!.months).toEqual(normal.dtoc.areas[0]!.months);
  });

  it('a UTF-8 byte-order mark', () => {
    same(run({ reasonCsv: `\ufeff${reasonCsv()}`, orgCsv: `\ufeff${orgCsv()}` }));
  });

  it('CRLF line endings', () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    same(run({ reasonCsv: crlf(reasonCsv()), orgCsv: crlf(orgCsv()) }));
  });

  it('no newline at the end of the file', () => {
    same(run({ reasonCsv: reasonCsv().trimEnd(), orgCsv: orgCsv().trimEnd() }));
  });

  it('all three at once, and still locates problems on the right line', () => {
    const odd = (text: string) => `\ufeff${text.replace(/\n/g, '\r\n').trimEnd()}`;
    same(run({ reasonCsv: odd(reasonCsv()), orgCsv: odd(orgCsv()) }));
    const rows = dtocRows();
    rows.reasons[30]![R.publicFunding] = '12a';
    expectAt(fail({ reasonCsv: odd(reasonCsv(rows)) }), 'DATA_FIELD_NOT_NUMBER', {
      file: REASONS,
      line: lineOfRow(30),
      field: 'Awaiting public funding',
    });
  });
});

// ---------- content files ----------

const claimsWith = (extra: string): string => CONTENT['claims.yaml'] + extra;

describe('error codes: content files', () => {
  it('CONTENT_YAML_INVALID: YAML that cannot be parsed, at its line', () => {
    const claims = CONTENT['claims.yaml'].replace(
      'label: Rise in delayed days',
      'label: Rise: in delayed days',
    );
    expectProblem(fail({ content: { 'claims.yaml': claims } }), 'CONTENT_YAML_INVALID', {
      file: CLAIMS,
      line: 2,
    });
  });

  it('CONTENT_YAML_INVALID: an alias to no anchor is a located problem, not a crash', () => {
    // parseDocument accepts `*draft`; doc.toJS() then throws a ReferenceError (an internal error,
    // exit code 3) from readYaml.
    const claims = CONTENT['claims.yaml'].replace('label: Rise in delayed days', 'label: *draft');
    expectProblem(fail({ content: { 'claims.yaml': claims } }), 'CONTENT_YAML_INVALID', {
      file: CLAIMS,
      line: 2,
    });
  });

  it('CONTENT_SCHEMA: a value of the wrong kind, at its line and key', () => {
    const claims = CONTENT['claims.yaml'].replace('unit: days', 'unit: miles');
    expectAt(fail({ content: { 'claims.yaml': claims } }), 'CONTENT_SCHEMA', {
      file: CLAIMS,
      line: 4,
      field: 'unit',
    });
    const briefing = CONTENT['briefing.yaml'].replace('lang: en-GB', 'lang: English');
    expectAt(fail({ content: { 'briefing.yaml': briefing } }), 'CONTENT_SCHEMA', {
      file: BRIEFING,
      line: 5,
      field: 'lang',
    });
  });

  it('CONTENT_SCHEMA: a missing key, at the entry that lacks it', () => {
    const claims = CONTENT['claims.yaml'].replace('  label: Rise in delayed days\n', '');
    expectAt(fail({ content: { 'claims.yaml': claims } }), 'CONTENT_SCHEMA', {
      file: CLAIMS,
      line: 1,
      field: 'label',
    });
  });

  it('CONTENT_SCHEMA: an unknown key is located at the key, not at the start of its parent', () => {
    // zod reports unrecognized keys at the object's path, so a misspelt key in briefing.yaml is
    // reported at line 1 with no field.
    const briefing = `${CONTENT['briefing.yaml']}colour: red\n`;
    expectAt(fail({ content: { 'briefing.yaml': briefing } }), 'CONTENT_SCHEMA', {
      file: BRIEFING,
      line: 7,
      field: 'colour',
    });
  });

  it('CONTENT_ID_DUPLICATE: an id used twice, at the second', () => {
    const claims = claimsWith(
      '- id: rise\n  label: Again\n  value: 1\n  unit: count\n  cite:\n    - { source: data, locator: "Table 2" }\n',
    );
    expectAt(fail({ content: { 'claims.yaml': claims } }), 'CONTENT_ID_DUPLICATE', {
      file: CLAIMS,
      line: 13,
      field: 'id',
    });
  });

  it('CONTENT_SOURCE_UNKNOWN: a citation of a source not in sources.yaml', () => {
    const claims = CONTENT['claims.yaml'].replace('source: data', 'source: nope');
    expectAt(fail({ content: { 'claims.yaml': claims } }), 'CONTENT_SOURCE_UNKNOWN', {
      file: CLAIMS,
      line: 12,
      field: 'source',
    });
    const quotes = CONTENT['quotes.yaml'].replace('source: article', 'source: nope');
    expectAt(fail({ content: { 'quotes.yaml': quotes } }), 'CONTENT_SOURCE_UNKNOWN', {
      file: QUOTES,
      line: 5,
      field: 'source',
    });
  });

  it('CONTENT_SOURCE_FILE_MISSING: a source names a file that is not there, at `file`', () => {
    expectAt(
      failFiles(withFile(fixtureFiles(), ARTICLE, undefined)),
      'CONTENT_SOURCE_FILE_MISSING',
      { file: SOURCES, line: 5, field: 'file' },
    );
  });

  it('CONTENT_CITATION_NOT_FOUND: a claim whose words are not on the cited line', () => {
    for (const cite of ['line: 3, says: "1,235"', 'line: 2, says: "1,234"']) {
      const claims = CONTENT['claims.yaml'].replace('line: 3, says: "1,234"', cite);
      expectAt(fail({ content: { 'claims.yaml': claims } }), 'CONTENT_CITATION_NOT_FOUND', {
        file: CLAIMS,
        line: 6,
        field: 'line',
      });
    }
  });

  it('CONTENT_CITATION_NOT_FOUND: a quotation that is not on the cited line', () => {
    const quotes = CONTENT['quotes.yaml'].replace('our best', 'our very best');
    expectAt(fail({ content: { 'quotes.yaml': quotes } }), 'CONTENT_CITATION_NOT_FOUND', {
      file: QUOTES,
      line: 5,
      field: 'line',
    });
  });
});

// ---------- claims and quotations ----------

describe('error codes: claims and quotations', () => {
  it('CLAIM_COMPUTE_UNKNOWN: a rule the data cannot answer, at `compute`', () => {
    for (const rule of ['area: Nowhere, year: 2015-16', 'area: England, year: 2019-20']) {
      const claims = CONTENT['claims.yaml'].replace('area: England, year: 2015-16', rule);
      expectAt(fail({ content: { 'claims.yaml': claims } }), 'CLAIM_COMPUTE_UNKNOWN', {
        file: CLAIMS,
        line: 10,
        field: 'compute',
      });
    }
  });

  it('CLAIM_DRIFT: a stated value the data do not give, at `value`', () => {
    const claims = CONTENT['claims.yaml'].replace(
      '  unit: days\n  compute',
      '  value: 1\n  unit: days\n  compute',
    );
    expectAt(fail({ content: { 'claims.yaml': claims } }), 'CLAIM_DRIFT', {
      file: CLAIMS,
      line: 9,
      field: 'value',
    });
  });

  describe('CLAIM_VALUE_OUT_OF_RANGE', () => {
    /** The claim "rise" (line 1; its value on line 3) with another value, unit or `change`. */
    const rise = (value: string, unit = 'days', extra = '') =>
      CONTENT['claims.yaml'].replace(
        '  value: 1234\n  unit: days\n',
        `  value: ${value}\n  unit: ${unit}\n${extra}`,
      );
    const outOfRange = (claims: string) =>
      expectAt(fail({ content: { 'claims.yaml': claims } }), 'CLAIM_VALUE_OUT_OF_RANGE', {
        file: CLAIMS,
        line: 3,
        field: 'value',
      });

    it('a value its unit does not allow, at `value`', () => {
      outOfRange(rise('-1234')); // days are 0 or more…
      outOfRange(rise('1234.5')); // …and whole
      outOfRange(rise('2.5', 'count', '  qualifier: about\n'));
      outOfRange(rise('-3', 'count'));
      outOfRange(rise('120', 'percent')); // a share is at most 100
      outOfRange(rise('-0.5', 'gbp-m'));
      outOfRange(rise('-1234', 'admissions'));
    });

    it('a change (`change: true`) may be negative, but a percent change not below -100', () => {
      expect(
        run({ content: { 'claims.yaml': rise('-1234', 'days', '  change: true\n') } }),
      ).toBeDefined();
      expect(
        run({ content: { 'claims.yaml': rise('14', 'percent', '  change: true\n') } }),
      ).toBeDefined();
      outOfRange(rise('-150', 'percent', '  change: true\n'));
      outOfRange(rise('-12.5', 'days', '  change: true\n'));
    });

    it('CONTENT_SCHEMA: `change` must agree with a compute rule, at `change`', () => {
      const claims = CONTENT['claims.yaml'].replace(
        '  unit: days\n  compute',
        '  unit: days\n  change: true\n  compute',
      );
      expectAt(fail({ content: { 'claims.yaml': claims } }), 'CONTENT_SCHEMA', {
        file: CLAIMS,
        line: 10,
        field: 'change',
      });
    });
  });

  describe('CLAIM_SOURCES_CONFLICT', () => {
    const second = (extra: string) =>
      CONTENT['claims.yaml'].replace(
        '    - { source: article, line: 3, says: "1,234" }\n',
        `    - { source: article, line: 3, says: "1,234" }\n    - { source: data, locator: "Table 1", says: "1,300"${extra} }\n`,
      );

    it('is a warning at the disagreeing `says`, and a discrepancy', () => {
      const valid = run({ content: { 'claims.yaml': second('') } });
      expect(valid.report.warnings.map((w) => w.code)).toEqual(['CLAIM_SOURCES_CONFLICT']);
      expectAt(valid.report.warnings, 'CLAIM_SOURCES_CONFLICT', {
        file: CLAIMS,
        line: 7,
        field: 'says',
      });
      expect(valid.briefing.discrepancies).toEqual([
        expect.objectContaining({ kind: 'figure', ids: ['rise'] }),
      ]);
      expect(valid.briefing.discrepancies[0]!.reviewed).toBeUndefined();
      expectAt(
        fail({ content: { 'claims.yaml': second('') } }, { strict: true }),
        'CLAIM_SOURCES_CONFLICT',
        { file: CLAIMS, line: 7, field: 'says' },
      );
    });

    it('is no longer a warning once `reviewed`, but stays a discrepancy', () => {
      const valid = run({
        content: { 'claims.yaml': second(', reviewed: "The table rounds to the nearest 100."') },
      });
      expect(valid.report.warnings).toEqual([]);
      expect(valid.briefing.discrepancies).toEqual([
        expect.objectContaining({
          kind: 'figure',
          ids: ['rise'],
          reviewed: 'The table rounds to the nearest 100.',
          versions: [
            { source: 'article', text: '1,234', supported: true },
            { source: 'data', text: '1,300', supported: false },
          ],
        }),
      ]);
    });
  });

  it('CLAIM_UNUSED: a claim no template uses is a warning at its id', () => {
    const valid = run({ template: '<p>{{fig "rise"}}</p>{{quote "minister"}}' });
    expect(valid.report.warnings.map((w) => w.code)).toEqual(['CLAIM_UNUSED']);
    expectAt(valid.report.warnings, 'CLAIM_UNUSED', { file: CLAIMS, line: 7, field: 'id' });
  });

  describe('QUOTE_VARIANT', () => {
    const variant = (extra = '') =>
      `${CONTENT['quotes.yaml']}- id: minister-paper\n  speaker: The minister\n  role: Minister\n  text: We did our very best under pressure.\n  cite: { source: data, locator: "Press release" }\n${extra}`;

    it('is a warning at the second quotation, and a discrepancy', () => {
      const valid = run({ content: { 'quotes.yaml': variant() } });
      expect(valid.report.warnings.map((w) => w.code)).toEqual(['QUOTE_VARIANT']);
      expectAt(valid.report.warnings, 'QUOTE_VARIANT', { file: QUOTES, line: 9, field: 'text' });
      expect(valid.briefing.discrepancies).toEqual([
        expect.objectContaining({ kind: 'quotation', ids: ['minister', 'minister-paper'] }),
      ]);
      expectAt(fail({ content: { 'quotes.yaml': variant() } }, { strict: true }), 'QUOTE_VARIANT', {
        file: QUOTES,
        line: 9,
        field: 'text',
      });
    });

    it('is no longer a warning once `reviewed`, but stays a discrepancy', () => {
      const valid = run({
        content: { 'quotes.yaml': variant('  reviewed: The paper adds "very".\n') },
      });
      expect(valid.report.warnings).toEqual([]);
      expect(valid.briefing.discrepancies).toEqual([
        expect.objectContaining({
          kind: 'quotation',
          ids: ['minister', 'minister-paper'],
          reviewed: 'The paper adds "very".',
        }),
      ]);
    });
  });
});

// ---------- templates ----------

describe('error codes: templates', () => {
  it('TEMPLATE_CLAIM_UNKNOWN: {{fig}} names no claim, at its line and column', () => {
    expectAt(fail({ template: `${TEMPLATE}\n<p>{{fig "nope"}}</p>` }), 'TEMPLATE_CLAIM_UNKNOWN', {
      file: HBS,
      line: 2,
      column: 4,
      field: 'fig',
    });
  });

  it('TEMPLATE_QUOTE_UNKNOWN: {{quote}} names no quotation, at its line and column', () => {
    expectAt(fail({ template: `${TEMPLATE}\n\n  {{quote "nobody"}}` }), 'TEMPLATE_QUOTE_UNKNOWN', {
      file: HBS,
      line: 3,
      column: 3,
      field: 'quote',
    });
  });

  it('TEMPLATE_CLAIM_UNKNOWN: {{fig}} with no id, or an unquoted one, is caught before rendering', () => {
    // Handlebars calls {{fig}} with no id at all, and {{fig rise}} with the variable `rise`
    // (undefined): either failed only when rendered, as TEMPLATE_RENDER with no line.
    for (const call of ['{{fig}}', '{{fig rise}}', '{{fig cite=false}}']) {
      expectAt(fail({ template: `${TEMPLATE}\n\n<td>${call}</td>` }), 'TEMPLATE_CLAIM_UNKNOWN', {
        file: HBS,
        line: 3,
        column: 5,
        field: 'fig',
      });
    }
  });

  it('TEMPLATE_CHART_UNKNOWN: {{chart}} names no chart the briefing makes, at its line and column', () => {
    // Charts are rendered after validation, so a wrong id used to pass --check and fail the build.
    expect(run({ template: `${TEMPLATE}\n{{chart "days-by-year"}}` }).report.warnings).toEqual([]);
    for (const call of ['{{chart "unknown"}}', '{{chart}}']) {
      expectAt(fail({ template: `${TEMPLATE}\n  ${call}` }), 'TEMPLATE_CHART_UNKNOWN', {
        file: HBS,
        line: 2,
        column: 3,
        field: 'chart',
      });
    }
  });

  it('TEMPLATE_SYNTAX: a template that cannot be parsed, at its line', () => {
    expectAt(fail({ template: `${TEMPLATE}\n<p>{{fig "rise"</p>` }), 'TEMPLATE_SYNTAX', {
      file: HBS,
      line: 2,
    });
  });

  it('TEMPLATE_CLAIM_UNKNOWN is reported even when a data file cannot be read', () => {
    // validate() checks template references only when the DToC data assembled, although they
    // depend only on the content files; the build then stops without naming the template error.
    const problems = fail({ orgCsv: '', template: `${TEMPLATE}\n{{fig "nope"}}` });
    expectAt(problems, 'DATA_FILE_EMPTY', { file: ORGS });
    expectAt(problems, 'TEMPLATE_CLAIM_UNKNOWN', { file: HBS, line: 2, column: 1, field: 'fig' });
  });

  it('TEMPLATE_SYNTAX: a closing tag that does not match its block has a line', () => {
    // Handlebars says "if doesn't match each - 2:2" (no "on line N"), so the line is lost.
    const template = `${TEMPLATE}\n{{#if meta.title}}\n<p>x</p>\n{{/each}}`;
    const p = expectProblem(fail({ template }), 'TEMPLATE_SYNTAX', { file: HBS });
    expect([2, 4]).toContain(p.at.line);
  });
});

// ---------- after validation: charts and distribution ----------

/** The code and location of the PipelineError `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<Pick<PipelineError, 'code' | 'at'>> {
  const error: unknown = await promise.then(
    () => expect.fail('expected it to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PipelineError);
  const { code, at } = error as PipelineError;
  return { code, at };
}

describe('error codes: rendering and distribution', () => {
  it('CHART_RENDER: a spec Vega-Lite warns about stops the chart, located at its id', async () => {
    // A shape asked of a bar, which Vega-Lite drops with a warning; warnings are errors here.
    const def = daysByYear(run());
    expect(await renderCharts([def], { files: false })).toHaveLength(1);
    const spec = structuredClone(def.spec) as { layer: { encoding: Record<string, unknown> }[] };
    spec.layer[0]!.encoding.shape = { field: 'bcf', type: 'nominal' };
    const broken = { ...def, spec: spec as unknown as typeof def.spec };
    const error = await failure(renderCharts([broken], { files: false }));
    expect(error).toEqual({
      code: 'CHART_RENDER',
      at: { file: 'pipeline/charts/specs', field: 'days-by-year' },
    });
    await expect(renderCharts([broken], { files: false })).rejects.toMatchObject({
      hint: expect.stringContaining('fix the Vega-Lite spec of "days-by-year"'),
    });
  });

  it('DISTRIBUTE_LOCKED: a second send while another holds the state, at the state folder', async () => {
    // The first run holds <state>.lock (its owner, this process, is alive) while it sends.
    const state = await mkdtemp(join(tmpdir(), 'briefing-state-'));
    try {
      const release = await lockState(state);
      expect(await failure(lockState(state))).toEqual({
        code: 'DISTRIBUTE_LOCKED',
        at: { file: state },
      });
      await release();
      await (
        await lockState(state)
      )(); // free again once the first run ends
    } finally {
      for (const dir of [state, `${state}.lock`]) await rm(dir, { recursive: true, force: true });
    }
  });
});
