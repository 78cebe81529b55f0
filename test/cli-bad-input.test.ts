/**
 * Every class of bad input in the data files, through the real command line: a non-zero exit, a
 * message that names the file (and the line where there is one), no stack trace, and out/
 * untouched. Content files and templates: cli-bad-content.test.ts.
 */
import { describe, it } from 'vitest';
import {
  addColumn,
  addTo,
  cell,
  dropRows,
  expectRefused,
  onLine,
  ORGS,
  REASONS,
  type BadInput,
} from './helpers/bad-input.ts';

const TOTAL = 'Total Delayed Transfers of Care';

/** England's row for April 2011 (line 2 of both files) moved by `delta` days, every sum kept. */
const englandMoved = (delta: number): Pick<BadInput, 'file' | 'edit' | 'also'> => ({
  file: REASONS,
  edit: (t) => addTo(2, 13, delta)(addTo(2, 2, delta)(t)),
  also: [{ file: ORGS, edit: addTo(2, 1, delta) }],
});

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
    name: 'a bad cell in an England row',
    file: REASONS,
    edit: cell(2, 3, '12a'),
    expect: `${REASONS}:2 [Awaiting public funding] DATA_FIELD_NOT_NUMBER`,
    // Not also a claim whose year lacks the month that row was left out of.
    problems: 1,
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
  {
    name: 'an unknown column',
    file: ORGS,
    edit: addColumn('Notes', 'checked'),
    expect: `${ORGS}:1:6 [Notes] DATA_COLUMN_UNKNOWN`,
    // Not also a figure that cannot be recomputed for want of the organisations file.
    problems: 1,
  },
  {
    name: 'an unknown reasons column',
    file: REASONS,
    edit: addColumn('Notes', 'checked'),
    expect: `${REASONS}:1:16 [Notes] DATA_COLUMN_UNKNOWN`,
    // Not also one missing reasons row for each row of the organisations file.
    problems: 1,
  },
  {
    name: 'a column named twice',
    file: ORGS,
    edit: addColumn('NHS', '0'),
    expect: `${ORGS}:1:6 [NHS] DATA_COLUMN_DUPLICATE`,
  },
  {
    name: '"NA" (not collected) in a month the reason was collected',
    file: REASONS,
    edit: cell(8308, 12, 'NA'),
    expect: `${REASONS}:8308 [Other] DATA_FIELD_NOT_NUMBER`,
    problems: 1,
  },
  // A row that is not there has no line: the message names the file, the column and the month.
  {
    name: 'an area missing a month',
    file: REASONS,
    edit: dropRows('Derby', 'June 2016'),
    also: [{ file: ORGS, edit: dropRows('Derby', 'June 2016') }],
    expect: `${REASONS} [Period] DATA_MONTH_MISSING: Derby has no row for June 2016`,
    problems: 1,
  },
  {
    name: 'an area missing the latest months (not delivered, not ended)',
    file: REASONS,
    edit: dropRows('Derby', '(February|March) 2019'),
    also: [{ file: ORGS, edit: dropRows('Derby', '(February|March) 2019') }],
    expect: `${REASONS} [Period] DATA_MONTH_MISSING: Derby has no rows from February 2019 to March 2019`,
    problems: 1,
  },
  {
    name: 'a responsible-organisation row missing for an area and month',
    file: ORGS,
    edit: dropRows('Derby', 'June 2016'),
    expect: `${ORGS} [Name] DATA_ORG_ROW_MISSING: no row for Derby, June 2016, which ${REASONS}:8006 has`,
    problems: 1,
  },
  {
    name: 'a responsible-organisation row with no reasons row',
    file: REASONS,
    edit: dropRows('Derby', 'June 2016'),
    expect: `${ORGS}:8006 [Name] DATA_ORG_ROW_MISSING`,
  },
  {
    name: 'no England rows',
    file: REASONS,
    edit: (t) => t.replace(/^"-","England",.*\n/gm, ''),
    also: [{ file: ORGS, edit: (t) => t.replace(/^"England",.*\n/gm, '') }],
    expect: `${REASONS} [Name] DATA_ENGLAND_MISSING`,
    problems: 1,
  },
  {
    name: 'England below the sum of its areas',
    ...englandMoved(-5000),
    expect: `${REASONS}:2 [${TOTAL}] DATA_ENGLAND_BELOW_AREAS`,
    problems: 1,
  },
  {
    name: 'England more than 1% above the sum of its areas',
    ...englandMoved(5000),
    expect: `${REASONS}:2 [${TOTAL}] DATA_ENGLAND_FAR_FROM_AREAS`,
    problems: 1,
  },
];

// Each case copies a full previous build; on a busy two-core machine that takes a while.
describe.concurrent('bad data through the command line', { timeout: 120_000 }, () => {
  it.each(CASES)('$name', expectRefused);
});
