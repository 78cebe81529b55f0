import { describe, expect, it } from 'vitest';
import { validate } from '../../pipeline/stages/validate.ts';
import { yearSum } from '../../pipeline/domain/dtoc-stats.ts';
import { dtocRows, FIXTURE_OPTIONS, fixtureFiles } from '../helpers/fixtures.ts';
import { expectProblem, problemsOf } from '../helpers/expect-problem.ts';
import { realValid } from '../helpers/project.ts';

const REASON_FILE = 'data/dtoc/delayed-days-by-reason.csv';

describe('validate: a valid fixture', () => {
  const valid = validate({ files: fixtureFiles() }, FIXTURE_OPTIONS);

  it('joins both files into areas keyed by name, with old and new codes', () => {
    expect(valid.dtoc.areas.map((a) => a.name)).toEqual(['Barnet', 'Derby']);
    expect(valid.dtoc.areas[0]!.codes).toEqual({ old: '717', current: 'E09000003' });
    expect(valid.dtoc.areas[0]!.months).toHaveLength(24);
    expect(valid.dtoc.years.map((y) => [y.label, y.partial])).toEqual([
      ['2014-15', false],
      ['2015-16', false],
    ]);
  });

  it('carries "NA" (not collected) as null, never as 0, and counts it', () => {
    const other = valid.dtoc.areas[0]!.months[0]!.reasons.at(-1);
    expect(other).toBeNull();
    expect(valid.report.notAvailable).toEqual([
      expect.objectContaining({ field: 'Other', value: 'NA', count: 72 }),
    ]);
  });

  it('settles computed claims from the data', () => {
    const total = valid.briefing.claims.find((c) => c.id === 'total-2015-16')!;
    expect(total.value).toBe(yearSum(valid.dtoc.england, '2015-16').value);
    expect(total.computed?.rule).toBe('total delayed days, England, 2015-16');
  });

  it("uses SOURCE_DATE_EPOCH's date over the content file's", () => {
    expect(valid.briefing.meta.date).toBe('2026-01-15');
    const dated = validate({ files: fixtureFiles() }, { ...FIXTURE_OPTIONS, date: '2030-05-01' });
    expect(dated.briefing.meta.date).toBe('2030-05-01');
  });
});

describe('validate: located problems', () => {
  it('reports a cell that is not a number with file, line and field', () => {
    const rows = dtocRows();
    rows.reasons[4]![3] = '12a';
    const problems = problemsOf(() => validate({ files: fixtureFiles({ rows }) }, FIXTURE_OPTIONS));
    const p = expectProblem(problems, 'DATA_FIELD_NOT_NUMBER', {
      file: REASON_FILE,
      line: 6,
      field: 'Awaiting public funding',
    });
    expect(p.got).toBe('12a');
    expect(p.hint).toBeTruthy();
  });

  it('collects every problem before failing', () => {
    const rows = dtocRows();
    rows.reasons[1]![3] = 'x';
    rows.reasons[7]![4] = 'y';
    const problems = problemsOf(() => validate({ files: fixtureFiles({ rows }) }, FIXTURE_OPTIONS));
    expect(
      problems.filter((p) => p.code === 'DATA_FIELD_NOT_NUMBER').map((p) => p.at.line),
    ).toEqual([3, 9]);
  });

  it('fails when a stated figure drifts from the data beyond its tolerance', () => {
    const claims = `- id: rise\n  label: Rise\n  value: 1234\n  unit: days\n  cite:\n    - { source: article, line: 3, says: "1,234" }\n- id: total-2015-16\n  label: Total\n  value: 999\n  unit: days\n  compute: { measure: fy-total, area: England, year: 2015-16, tolerance: 10 }\n  cite:\n    - { source: data, locator: "England rows" }\n`;
    const problems = problemsOf(() =>
      validate({ files: fixtureFiles({ content: { 'claims.yaml': claims } }) }, FIXTURE_OPTIONS),
    );
    expectProblem(problems, 'CLAIM_DRIFT', {
      file: 'data/bcf/claims.yaml',
      line: 9,
      field: 'value',
    });
  });

  it('rejects a template that names a figure that does not exist', () => {
    const template =
      '<p>{{fig "rise"}}\n{{fig "total-2015-16"}} {{fig "nonsense"}}</p>{{quote "minister"}}';
    const problems = problemsOf(() =>
      validate({ files: fixtureFiles({ template }) }, FIXTURE_OPTIONS),
    );
    expectProblem(problems, 'TEMPLATE_CLAIM_UNKNOWN', {
      file: 'templates/bcf/briefing.hbs',
      line: 2,
      column: 25,
    });
  });

  it('treats warnings as errors with --strict', () => {
    const template = '<p>{{fig "rise"}}</p>{{quote "minister"}}';
    const lenient = validate({ files: fixtureFiles({ template }) }, FIXTURE_OPTIONS);
    expect(lenient.report.warnings.map((w) => w.code)).toEqual(['CLAIM_UNUSED']);
    const problems = problemsOf(() =>
      validate({ files: fixtureFiles({ template }) }, { ...FIXTURE_OPTIONS, strict: true }),
    );
    expectProblem(problems, 'CLAIM_UNUSED', { file: 'data/bcf/claims.yaml', line: 7 });
  });
});

describe('validate: the real NHS England data', () => {
  it('gives the financial-year totals the NAO used, and a rise of 184,610 days', async () => {
    const valid = await realValid();
    expect(yearSum(valid.dtoc.england, '2014-15').value).toBe(1_624_977);
    expect(yearSum(valid.dtoc.england, '2015-16').value).toBe(1_809_587);
    expect(valid.report.claimChecks).toContainEqual({
      claim: 'dtoc-actual',
      stated: 185_000,
      computed: 184_610,
      tolerance: 500,
      ok: true,
    });
  });

  it('has 150 local authorities, eight full financial years and no errors', async () => {
    const valid = await realValid();
    expect(valid.dtoc.areas).toHaveLength(150);
    expect(valid.dtoc.years.filter((y) => !y.partial)).toHaveLength(8);
    expect(valid.report.rules.every((r) => r.checked > 0)).toBe(true);
  });

  it("reports the 183,000 conflict and the two versions of Amyas Morse's words", async () => {
    const valid = await realValid();
    const figure = valid.briefing.discrepancies.find((d) => d.kind === 'figure')!;
    expect(figure.ids).toEqual(['dtoc-actual']);
    expect(figure.computed).toBe(184_610);
    expect(figure.versions).toContainEqual({
      source: 'article-nursing',
      text: '183,000',
      supported: false,
    });
    const quotes = valid.briefing.discrepancies.filter((d) => d.kind === 'quotation');
    expect(quotes.map((q) => q.ids)).toEqual([
      ['morse-challenge', 'morse-challenge-nursing'],
      ['morse-shortfall', 'morse-shortfall-nursing'],
    ]);
  });
});
