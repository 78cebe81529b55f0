import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';

let json: {
  inputs: { path: string; sha256: string; rows?: number }[];
  rules: { id: string; checked: number }[];
  warnings: unknown[];
  notAvailable: { field: string; value: string; count: number }[];
  claimChecks: { claim: string; stated: number; computed: number; ok: boolean }[];
  financialYears: { year: string; months: number; partial: boolean }[];
  discrepancies: {
    kind: string;
    ids: string[];
    versions: { text: string; supported: boolean }[];
    reviewed?: string;
  }[];
};
let html: string;

beforeAll(async () => {
  const out = join(inject('builtRoot'), 'out');
  json = JSON.parse(await readFile(join(out, 'validation-report.json'), 'utf8'));
  html = await readFile(join(out, 'validation-report.html'), 'utf8');
});

describe('the validation report', () => {
  it('lists every input with its sha256 and the rows read from each data file', () => {
    const reasons = json.inputs.find((i) => i.path === 'data/dtoc/delayed-days-by-reason.csv')!;
    expect(reasons.rows).toBe(14_496);
    expect(reasons.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.inputs.map((i) => i.path)).toEqual(
      expect.arrayContaining(['data/bcf/claims.yaml', 'templates/bcf/briefing.hbs']),
    );
  });

  it('says which rules ran and how many times', () => {
    expect(json.rules.map((r) => r.id)).toEqual([
      'reasons-add-up',
      'organisations-add-up',
      'one-row-per-month',
      'england-matches-areas',
      'values-within-history',
    ]);
    expect(json.rules.find((r) => r.id === 'reasons-add-up')!.checked).toBe(14_496);
  });

  it('counts values not available, and shows the 185,000 check with the computed 184,610', () => {
    expect(json.notAvailable).toEqual([
      expect.objectContaining({ field: 'Other', value: 'NA', count: 10_872 }),
    ]);
    expect(json.claimChecks).toEqual([
      { claim: 'dtoc-actual', stated: 185_000, computed: 184_610, tolerance: 500, ok: true },
    ]);
    expect(html).toContain('<td class="num">184,610</td>');
  });

  it('lists the financial years in the data, all eight complete', () => {
    expect(json.financialYears.map((y) => [y.year, y.months, y.partial])).toEqual(
      ['2011-12', '2012-13', '2013-14', '2014-15', '2015-16', '2016-17', '2017-18', '2018-19'].map(
        (year) => [year, 12, false],
      ),
    );
    expect(html).toContain(
      '<tr><th scope="row">2018-19</th><td>April 2018 to March 2019</td><td>Complete</td></tr>',
    );
  });

  it("reports the 183,000 conflict and the reviewer's explanation", () => {
    const conflict = json.discrepancies.find((d) => d.kind === 'figure')!;
    expect(conflict.versions).toContainEqual({
      source: 'article-nursing',
      text: '183,000',
      supported: false,
    });
    expect(conflict.reviewed).toMatch(/misprint/);
    expect(html).toContain('“183,000” (not supported)');
  });

  it('is a complete HTML page with a title, language and the sections a reader needs', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    for (const heading of [
      'Warnings',
      'Figures checked against the data',
      'Where sources disagree',
      'Rules applied',
      'Financial years',
      'Values not available',
      'Inputs',
    ]) {
      expect(html).toMatch(new RegExp(`<h2 id="[a-z-]+">${heading}</h2>`));
    }
  });
});
