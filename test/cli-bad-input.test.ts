/**
 * Every class of bad input in the data files, through the real command line: a non-zero exit, a
 * message that names the file (and the line where there is one), no stack trace, and out/
 * untouched. Content files and templates: cli-bad-content.test.ts.
 */
import { describe, it } from 'vitest';
import { cell, expectRefused, onLine, ORGS, REASONS, type BadInput } from './helpers/bad-input.ts';

const CASES: BadInput[] = [
  { name: 'a missing file', file: ORGS, edit: 'delete', expect: `${ORGS} DATA_FILE_MISSING` },
  { name: 'an empty file', file: REASONS, edit: () => '', expect: `${REASONS} DATA_FILE_EMPTY` },
  {
    name: 'a header with no rows',
    file: REASONS,
    edit: (t) => t.split('\n')[0]! + '\n',
    expect: `${REASONS}:1 DATA_CSV_HEADER_ONLY`,
  },
  {
    name: 'text that is not UTF-8',
    file: REASONS,
    edit: {
      bytes: (b) => Buffer.concat([b.subarray(0, 500), Buffer.from([0xa3]), b.subarray(500)]),
    },
    expect: `${REASONS}:2 DATA_FILE_NOT_UTF8`,
  },
  {
    name: 'binary junk',
    file: ORGS,
    edit: { bytes: (b) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), b]) },
    expect: `${ORGS}:1 DATA_FILE_BINARY`,
  },
  {
    name: 'a stray quote',
    file: REASONS,
    edit: onLine(40, (l) => l.replace('","', '",""')),
    expect: `${REASONS}:40 DATA_CSV_MALFORMED`,
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
    edit: (t) => {
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
];

// Each case copies a full previous build; on a busy two-core machine that takes a while.
describe.concurrent('bad data through the command line', { timeout: 120_000 }, () => {
  it.each(CASES)('$name', expectRefused);
});
