/**
 * Every class of bad input, through the real command line: a non-zero exit, a message that
 * names the file (and the line where there is one), no stack trace, and out/ untouched.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { cli } from './helpers/cli.ts';
import { copyProject, seedOutput, snapshot } from './helpers/project.ts';

const REASONS = 'data/dtoc/delayed-days-by-reason.csv';
const ORGS = 'data/dtoc/delayed-days-by-responsible-org.csv';
const CLAIMS = 'data/bcf/claims.yaml';

type Edit = (text: string) => string;

/** Change line `n` (1-based) of a text file. */
const onLine =
  (n: number, edit: Edit): Edit =>
  (text) => {
    const lines = text.split('\n');
    lines[n - 1] = edit(lines[n - 1]!);
    return lines.join('\n');
  };
/** Replace the cell at 0-based `column` on line `n` of a CSV with `value` (quoted). */
const cell = (n: number, column: number, value: string): Edit =>
  onLine(n, (line) => {
    const cells = line.split('","');
    cells[column] = (column === 0 ? '"' : '') + value + (column === cells.length - 1 ? '"' : '');
    return cells.join('","');
  });

interface Case {
  name: string;
  file: string;
  edit: Edit | 'delete' | ((bytes: Buffer) => Buffer);
  bytes?: boolean;
  expect: string;
  /** Run `--check` (validation alone) rather than the build: the problem must be caught there. */
  check?: boolean;
}

const CASES: Case[] = [
  { name: 'a missing file', file: ORGS, edit: 'delete', expect: `${ORGS} DATA_FILE_MISSING` },
  { name: 'an empty file', file: REASONS, edit: () => '', expect: `${REASONS} DATA_FILE_EMPTY` },
  {
    name: 'a header with no rows',
    file: REASONS,
    edit: (t: string) => t.split('\n')[0]! + '\n',
    expect: `${REASONS}:1 DATA_CSV_HEADER_ONLY`,
  },
  {
    name: 'text that is not UTF-8',
    file: REASONS,
    bytes: true,
    edit: ((b: Buffer) =>
      Buffer.concat([b.subarray(0, 500), Buffer.from([0xa3]), b.subarray(500)])) as Case['edit'],
    expect: `${REASONS}:2 DATA_FILE_NOT_UTF8`,
  },
  {
    name: 'binary junk',
    file: ORGS,
    bytes: true,
    edit: ((b: Buffer) =>
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), b])) as Case['edit'],
    expect: `${ORGS}:1 DATA_FILE_BINARY`,
  },
  {
    name: 'a stray quote',
    file: REASONS,
    edit: onLine(40, (l) => l.replace('","', '",""')),
    expect: `${REASONS}:40`,
  },
  {
    name: 'a truncated row',
    file: REASONS,
    edit: onLine(300, (l) => l.split(',').slice(0, 8).join(',')),
    expect: `${REASONS}:300 DATA_ROW_WRONG_LENGTH`,
  },
  {
    name: 'an extra cell',
    file: ORGS,
    edit: onLine(12, (l) => `${l},"7"`),
    expect: `${ORGS}:12 DATA_ROW_WRONG_LENGTH`,
  },
  {
    name: 'a renamed column',
    file: ORGS,
    edit: onLine(1, (l) => l.replace('"Both"', '"Joint"')),
    expect: `${ORGS}:1 [Both] DATA_COLUMN_MISSING`,
  },
  {
    name: 'a cell that is not a number',
    file: REASONS,
    edit: cell(214, 3, '12a'),
    expect: `${REASONS}:214 [Awaiting public funding] DATA_FIELD_NOT_NUMBER`,
  },
  {
    name: 'a number with a thousands separator',
    file: ORGS,
    edit: cell(2, 1, '66,304'),
    expect: `${ORGS}:2 [NHS] DATA_FIELD_NOT_NUMBER`,
  },
  {
    name: 'a blank cell',
    file: ORGS,
    edit: cell(3, 2, ''),
    expect: `${ORGS}:3 [Social Care] DATA_FIELD_EMPTY`,
  },
  {
    name: 'an impossible value',
    file: REASONS,
    edit: cell(5, 4, '9999999'),
    expect: `${REASONS}:5 [Awaiting further NHS non-acute care] DATA_FIELD_OUT_OF_RANGE`,
  },
  {
    name: 'a period that is not a month',
    file: ORGS,
    edit: cell(7, 4, 'Aprill 2011'),
    expect: `${ORGS}:7 [Period_year] DATA_PERIOD_INVALID`,
  },
  {
    name: 'a malformed area code',
    file: REASONS,
    edit: cell(8, 0, 'E0600001'),
    expect: `${REASONS}:8 [Code] DATA_CODE_INVALID`,
  },
  {
    name: 'a duplicated row',
    file: REASONS,
    edit: (t: string) => {
      const l = t.split('\n');
      l.splice(10, 0, l[9]!);
      return l.join('\n');
    },
    expect: `${REASONS}:11 [Period] DATA_ROW_DUPLICATE`,
  },
  {
    name: 'reasons that do not add up',
    file: REASONS,
    edit: cell(20, 3, '5000'),
    expect: `${REASONS}:20 [Total Delayed Transfers of Care] DATA_REASONS_NOT_TOTAL`,
  },
  {
    name: 'organisations that do not add up',
    file: ORGS,
    edit: cell(20, 3, '99999'),
    expect: `${ORGS}:20 [Both] DATA_ORG_NOT_TOTAL`,
  },
  {
    name: 'an area code used by two areas',
    file: REASONS,
    edit: cell(4, 0, '716'),
    expect: `${REASONS}:4 [Code] DATA_AREA_CODE_CONFLICT`,
  },
  {
    name: 'YAML that cannot be read',
    file: CLAIMS,
    edit: (t: string) => t.replace('  unit: gbp-bn', '  unit: [gbp-bn'),
    expect: `${CLAIMS}:`,
  },
  {
    name: 'a claim that breaks its schema',
    file: CLAIMS,
    edit: (t: string) => t.replace('value: 5.3', 'value: lots'),
    expect: `${CLAIMS}:15:10 [value] CONTENT_SCHEMA`,
  },
  {
    name: 'a percentage over 100',
    file: CLAIMS,
    edit: (t: string) => t.replace('value: 90\n  unit: percent', 'value: 190\n  unit: percent'),
    expect: `${CLAIMS}:122:10 [value] CLAIM_VALUE_OUT_OF_RANGE`,
  },
  {
    name: 'a citation to the wrong line',
    file: CLAIMS,
    edit: (t: string) => t.replace('line: 5, says: "£5.3bn"', 'line: 6, says: "£5.3bn"'),
    expect: 'CONTENT_CITATION_NOT_FOUND',
  },
  {
    name: 'a figure that drifts from the data',
    file: CLAIMS,
    edit: (t: string) => t.replace('value: 185000', 'value: 175000'),
    expect: `${CLAIMS}:99:10 [value] CLAIM_DRIFT`,
  },
  {
    name: 'a template naming an unknown figure',
    file: 'templates/bcf/briefing.hbs',
    edit: (t: string) => t.replace('{{fig "local-plans"}}', '{{fig "local-plan"}}'),
    expect: 'templates/bcf/briefing.hbs:17',
  },
  {
    name: 'a template placing a chart that does not exist',
    file: 'templates/bcf/briefing.hbs',
    edit: (t: string) => t.replace('{{chart "days-by-year"}}', '{{chart "days-by-years"}}'),
    expect: 'templates/bcf/briefing.hbs:69:3 [chart] TEMPLATE_CHART_UNKNOWN',
    check: true,
  },
  {
    name: 'a template figure with no id',
    file: 'templates/bcf/briefing.hbs',
    edit: (t: string) => t.replace('{{fig "minimum-pool"}}', '{{fig}}'),
    expect: 'templates/bcf/briefing.hbs:52:220 [fig] TEMPLATE_CLAIM_UNKNOWN',
    check: true,
  },
];

describe.concurrent('bad input through the command line', () => {
  it.each(CASES)('$name', async ({ file, edit, bytes, expect: wanted, check }) => {
    const root = await copyProject();
    await seedOutput(root, inject('builtRoot'));
    const before = await snapshot(join(root, 'out'));
    const path = join(root, file);
    if (edit === 'delete') await rm(path);
    else if (bytes) await writeFile(path, (edit as (b: Buffer) => Buffer)(await readFile(path)));
    else await writeFile(path, (edit as Edit)(await readFile(path, 'utf8')));

    const result = await cli(root, check ? ['--check'] : []);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(wanted);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/hint: /);
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(result.stderr).toContain('Nothing was written');
    expect(await snapshot(join(root, 'out'))).toEqual(before);
  });
});
