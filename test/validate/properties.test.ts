/**
 * Property-based tests of validation: whatever is done to an input file, validation either
 * accepts it or fails with ValidationFailed and located problems whose codes are real error
 * codes; it never throws anything else. Each case runs on a small fixture (England and one area
 * over twelve months) so that thousands of cases stay fast.
 *
 * On failure fast-check prints the seed and path that reproduce the case; pass them back as
 * `{ seed, path }` in the parameters of `fc.assert` to replay it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationFailed, type Problem } from '../../pipeline/errors.ts';
import { validate } from '../../pipeline/stages/validate.ts';
import type { InputFile } from '../../pipeline/types.ts';
import { readCsv } from '../../pipeline/validate/csv.ts';
import { ERROR_CODES, isErrorCode } from '../helpers/error-codes.ts';
import {
  corrupt,
  csvEdit,
  fileChanges,
  lineCount,
  rowEdit,
  withRowEdits,
  yamlEdit,
} from '../helpers/corrupt.ts';
import { FIXTURE_OPTIONS, fixtureFiles, smallDtocRows } from '../helpers/fixtures.ts';

/** Generated cases per property: 10,000 in all, most of them on the cheap readCsv property. */
const RUNS = { csv: 500, yaml: 500, readCsv: 9000 } as const;
const TOTAL_RUNS = RUNS.csv + RUNS.yaml + RUNS.readCsv;

const CSV_FILES = [
  'data/dtoc/delayed-days-by-reason.csv',
  'data/dtoc/delayed-days-by-responsible-org.csv',
] as const;
const YAML_FILES = [
  'data/bcf/claims.yaml',
  'data/bcf/quotes.yaml',
  'data/bcf/sources.yaml',
  'data/bcf/briefing.yaml',
] as const;

const ROWS = smallDtocRows();
const BASE = fixtureFiles({ rows: ROWS });

/**
 * A DToC case: edits to the rows that keep both files readable (to reach the domain rules), then
 * edits to the bytes and lines of one or both files; at least one of either.
 */
const dtocCase = fc.oneof(
  fc.record({
    rows: fc.array(rowEdit, { minLength: 1, maxLength: 3 }),
    changes: fc.constant([]),
    strict: fc.boolean(),
  }),
  fc.record({
    rows: fc.array(rowEdit, { maxLength: 2 }),
    changes: fileChanges(CSV_FILES, csvEdit),
    strict: fc.boolean(),
  }),
);

const yamlCase = fc.record({ changes: fileChanges(YAML_FILES, yamlEdit), strict: fc.boolean() });

// ---------- the oracle ----------

/** What is wrong with one problem, given the line count of each input file; undefined if nothing. */
function badProblem(p: Problem, lines: ReadonlyMap<string, number>): string | undefined {
  if (!isErrorCode(p.code)) return 'code is not an ErrorCode';
  if (p.severity !== 'error' && p.severity !== 'warning') return 'severity is neither';
  const count = lines.get(p.at.file);
  if (count === undefined) return 'at.file is not one of the input files';
  if (p.at.line !== undefined) {
    if (!Number.isInteger(p.at.line) || p.at.line < 1) return 'at.line is not a positive integer';
    if (p.at.line > count + 1) return `at.line is beyond the end of the file (${count} lines)`;
  }
  return undefined;
}

function expectProblemsWellFormed(problems: Problem[], files: readonly InputFile[]): void {
  const lines = new Map(files.map((f) => [f.path, lineCount(f.bytes)]));
  const bad = problems.flatMap((p) => {
    const why = badProblem(p, lines);
    return why ? [{ why, problem: p }] : [];
  });
  expect(bad).toEqual([]);
}

/** Validation accepts the files, or fails with well-formed, located problems; nothing else. */
function acceptsOrRejectsCleanly(files: InputFile[], strict: boolean): void {
  try {
    validate({ files }, { ...FIXTURE_OPTIONS, strict });
  } catch (error) {
    if (!(error instanceof ValidationFailed)) throw error;
    expect(error.problems.length, 'ValidationFailed with no problems').toBeGreaterThan(0);
    expectProblemsWellFormed(error.problems, files);
  }
}

// ---------- properties ----------

describe('validation properties', () => {
  it(`runs at least 10,000 generated cases in all (${TOTAL_RUNS})`, () => {
    expect(TOTAL_RUNS).toBeGreaterThanOrEqual(10_000);
  });

  it('knows the members of the ErrorCode union', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['DATA_FILE_MISSING', 'TEMPLATE_SYNTAX']));
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(isErrorCode('Invalid input: expected number, received Infinity')).toBe(false);
  });

  it('starts from a valid small fixture with no warnings', () => {
    const valid = validate({ files: BASE }, { ...FIXTURE_OPTIONS, strict: true });
    expect(valid.dtoc.areas.map((a) => a.name)).toEqual(['Barnet']);
    expect(valid.dtoc.months).toHaveLength(12);
    expect(valid.report.warnings).toEqual([]);
  });

  it('(a) a corrupted DToC CSV is accepted or rejected with located problems, never a crash', () => {
    fc.assert(
      fc.property(dtocCase, ({ rows, changes, strict }) =>
        acceptsOrRejectsCleanly(corrupt(withRowEdits(ROWS, rows), changes), strict),
      ),
      { numRuns: RUNS.csv },
    );
  });

  it('(b) corrupted YAML content is accepted or rejected with located problems, never a crash', () => {
    fc.assert(
      fc.property(yamlCase, ({ changes, strict }) =>
        acceptsOrRejectsCleanly(corrupt(BASE, changes), strict),
      ),
      { numRuns: RUNS.yaml },
    );
  });

  it('(c) readCsv never throws on arbitrary bytes, and locates what it rejects inside the file', () => {
    const csvText = fc
      .string({
        unit: fc.constantFrom('a', '1', ' ', ',', '"', '\n', '\r', '\ufeff', '\u0000', 'é'),
        maxLength: 40,
      })
      .map((s) => new Uint8Array(Buffer.from(s, 'utf8')));
    /** Lines of cells, each ended by LF, CRLF or CR: files edited on more than one system. */
    const csvLines = fc
      .array(
        fc.tuple(
          fc.array(fc.constantFrom('a', '1', '', ' ', '"x"', '"a,b"', 'x"y', '"'), {
            minLength: 1,
            maxLength: 3,
          }),
          fc.constantFrom('\n', '\r\n', '\r'),
        ),
        { maxLength: 8 },
      )
      .map((lines) =>
        new TextEncoder().encode(lines.map(([c, eol]) => c.join(',') + eol).join('')),
      );
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), csvText, csvLines), (bytes) => {
        const file = { path: 'x.csv', bytes };
        const problems: Problem[] = [];
        const table = readCsv(file, problems);
        if (!table) expect(problems.length).toBeGreaterThan(0);
        expectProblemsWellFormed(problems, [file]);
        // Rows are in file order, after the header, and within the file.
        const lines = table?.rows.map((r) => r.line) ?? [];
        const last = lineCount(bytes) + 1;
        const misplaced = lines.filter((l, i) => l < 2 || l > last || l <= (lines[i - 1] ?? 0));
        expect(misplaced, `row lines ${lines.join(', ')} in a file of ${last - 1}`).toEqual([]);
      }),
      { numRuns: RUNS.readCsv },
    );
  });
});
