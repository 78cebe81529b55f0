/**
 * data/stakeholders.csv: one failing fixture per error code, checking the code and where it is
 * (file, line, field), never the wording; and how a report names the national briefing or an area.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorCode, Location, Problem } from '../../pipeline/errors.ts';
import { validate } from '../../pipeline/stages/validate.ts';
import { validateStakeholders } from '../../pipeline/distribute/stakeholders.ts';
import type { DtocDataset, InputFile } from '../../pipeline/types.ts';
import { expectProblem } from '../helpers/expect-problem.ts';
import { FIXTURE_OPTIONS, fixtureFiles } from '../helpers/fixtures.ts';

const FILE = 'data/stakeholders.csv';
const HEADER = 'name,email,organisation,report';
const ADA = 'Ada Example,ada@example.org,Example Trust (example),national';

/** Barnet (717, E09000003) and Derby (831, E06000015), from the in-memory fixture. */
const dtoc: DtocDataset = validate({ files: fixtureFiles() }, FIXTURE_OPTIONS).dtoc;

const fileOf = (text: string): InputFile => ({ path: FILE, bytes: new TextEncoder().encode(text) });

function check(rows: string[], header = HEADER) {
  const problems: Problem[] = [];
  const stakeholders = validateStakeholders(
    fileOf([header, ...rows, ''].join('\n')),
    FILE,
    dtoc,
    problems,
  );
  return { stakeholders, problems };
}

/** Exactly one problem in all, with this code, at exactly this place. */
function expectOnly(problems: Problem[], code: ErrorCode, at: Location): void {
  expect(problems.map((p) => p.code)).toEqual([code]);
  expect(expectProblem(problems, code, at).at).toEqual(at);
}

describe('data/stakeholders.csv', () => {
  it('reads valid rows: "national", or an area by name, slug or either code, in any case', () => {
    const { stakeholders, problems } = check([
      ADA,
      'Ben Example,ben@example.gov.uk,Barnet Council (example),barnet',
      '"Example, Cleo",cleo@example.gov.uk,Derby City Council (example),E06000015',
      'Dee Example,dee@example.gov.uk,Derby City Council (example),831',
      'Eve Example, eve@example.org ,Example (example),NATIONAL',
    ]);
    expect(problems).toEqual([]);
    expect(stakeholders.map((s) => [s.line, s.name, s.email, s.report.id, s.report.label])).toEqual(
      [
        [2, 'Ada Example', 'ada@example.org', 'national', 'national briefing'],
        [3, 'Ben Example', 'ben@example.gov.uk', 'barnet', 'Barnet'],
        [4, 'Example, Cleo', 'cleo@example.gov.uk', 'derby', 'Derby'],
        [5, 'Dee Example', 'dee@example.gov.uk', 'derby', 'Derby'],
        [6, 'Eve Example', 'eve@example.org', 'national', 'national briefing'],
      ],
    );
  });

  it('STAKEHOLDER_EMAIL_INVALID: an address with a name, or without a domain', () => {
    const named = check([ADA, 'Ben,Ben <ben@example.org>,Org,national']);
    expectOnly(named.problems, 'STAKEHOLDER_EMAIL_INVALID', {
      file: FILE,
      line: 3,
      field: 'email',
    });
    const bare = check(['Ben,ben@,Org,national']);
    expectOnly(bare.problems, 'STAKEHOLDER_EMAIL_INVALID', { file: FILE, line: 2, field: 'email' });
  });

  it('STAKEHOLDER_FIELD_EMPTY: a blank organisation', () => {
    const { problems, stakeholders } = check([ADA, 'Ben,ben@example.org,  ,Barnet']);
    expectOnly(problems, 'STAKEHOLDER_FIELD_EMPTY', { file: FILE, line: 3, field: 'organisation' });
    expect(stakeholders).toHaveLength(1);
  });

  it('STAKEHOLDER_FIELD_INVALID: a name with a line break in it', () => {
    const { problems } = check([ADA, '"Ben\nExample",ben@example.org,Org,Barnet']);
    expectOnly(problems, 'STAKEHOLDER_FIELD_INVALID', { file: FILE, line: 3, field: 'name' });
  });

  it('STAKEHOLDER_REPORT_UNKNOWN: an area not in the data, with a suggestion', () => {
    const { problems } = check([ADA, 'Ben,ben@example.org,Org,Barnett']);
    expectOnly(problems, 'STAKEHOLDER_REPORT_UNKNOWN', { file: FILE, line: 3, field: 'report' });
    expect(problems[0]!.hint).toContain('"Barnet"');
  });

  it('STAKEHOLDER_REPORT_UNKNOWN: "England" is not an area (the national briefing is "national")', () => {
    const { problems } = check(['Ben,ben@example.org,Org,England']);
    expectOnly(problems, 'STAKEHOLDER_REPORT_UNKNOWN', { file: FILE, line: 2, field: 'report' });
  });

  it('STAKEHOLDER_DUPLICATE: the same address and report again, at the second row', () => {
    const { problems, stakeholders } = check([
      'Ben,ben@example.org,Org,Barnet',
      ADA,
      'Ben again,BEN@example.org,Org,E09000003',
      'Ben,ben@example.org,Org,national',
    ]);
    expectOnly(problems, 'STAKEHOLDER_DUPLICATE', { file: FILE, line: 4, field: 'email' });
    expect(problems[0]!.message).toContain('line 2');
    expect(stakeholders).toHaveLength(3);
  });

  it('DATA_FILE_MISSING: no recipients file', () => {
    const problems: Problem[] = [];
    validateStakeholders(undefined, FILE, dtoc, problems);
    expectOnly(problems, 'DATA_FILE_MISSING', { file: FILE });
  });

  it('DATA_COLUMN_MISSING, DATA_COLUMN_UNKNOWN, DATA_COLUMN_DUPLICATE: the header, at line 1', () => {
    const missing = check(['Ada,ada@example.org,national'], 'name,email,report');
    expectOnly(missing.problems, 'DATA_COLUMN_MISSING', {
      file: FILE,
      line: 1,
      field: 'organisation',
    });
    const unknown = check([`${ADA},x`], `${HEADER},phone`);
    expectOnly(unknown.problems, 'DATA_COLUMN_UNKNOWN', {
      file: FILE,
      line: 1,
      column: 5,
      field: 'phone',
    });
    const twice = check([`${ADA},x`], `${HEADER},email`);
    expectOnly(twice.problems, 'DATA_COLUMN_DUPLICATE', {
      file: FILE,
      line: 1,
      column: 5,
      field: 'email',
    });
  });

  it('DATA_ROW_WRONG_LENGTH and DATA_CSV_MALFORMED come from the shared CSV reader', () => {
    expectOnly(check([ADA, 'Ben,ben@example.org,Barnet']).problems, 'DATA_ROW_WRONG_LENGTH', {
      file: FILE,
      line: 3,
    });
    expectOnly(check([ADA, 'Ben,"ben@example.org,Org,Barnet']).problems, 'DATA_CSV_MALFORMED', {
      file: FILE,
      line: 3,
    });
  });

  it('collects every problem of every row before failing', () => {
    const { problems } = check(['Ben,not-an-address,,Narnia', ADA]);
    expect(problems.map((p) => [p.code, p.at.field])).toEqual([
      ['STAKEHOLDER_EMAIL_INVALID', 'email'],
      ['STAKEHOLDER_FIELD_EMPTY', 'organisation'],
      ['STAKEHOLDER_REPORT_UNKNOWN', 'report'],
    ]);
  });
});
