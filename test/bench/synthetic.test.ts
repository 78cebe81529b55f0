/**
 * The bench's scaling set (bench/synthetic.ts): exactly the number of areas asked for, each with
 * its own name and codes, and England still the sum it must be, so the build validates it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { multiplyAreas } from '../../bench/synthetic.ts';
import { PROJECT } from '../helpers/project.ts';

const read = (file: string) => readFileSync(join(PROJECT, 'data', 'dtoc', file), 'utf8');

describe('the synthetic scaling set', () => {
  const reasonsCsv = read('delayed-days-by-reason.csv');
  const orgsCsv = read('delayed-days-by-responsible-org.csv');
  const set = multiplyAreas(reasonsCsv, orgsCsv, 1510);
  const rows = (csv: string) => (parse(csv) as string[][]).slice(1);

  it('has exactly the areas asked for, each named and coded once per month', () => {
    const reasons = rows(set.reasons);
    const april = reasons.filter((r) => r.at(-1) === 'April 2018' && r[1] !== 'England');
    expect(set.areas).toBe(1510);
    expect(april).toHaveLength(1510);
    expect(new Set(april.map((r) => r[1])).size).toBe(1510);
    expect(new Set(april.map((r) => r[0])).size).toBe(1510);
    expect(
      new Set(
        rows(set.orgs)
          .filter((r) => r[0] !== 'England')
          .map((r) => r[0]),
      ).size,
    ).toBe(1510);
  });

  it("grows England's rows by the copies: England exceeds the sum of its areas by what it did", () => {
    const excess = (csv: string, name: number, total: number) => {
      const may = rows(csv).filter((r) => r.at(-1) === 'May 2016');
      const england = Number(may.find((r) => r[name] === 'England')![total]);
      const sum = may
        .filter((r) => r[name] !== 'England')
        .reduce((s, r) => s + (Number(r[total]) || 0), 0);
      return { england, excess: england - sum };
    };
    for (const [real, synthetic, name, total] of [
      [reasonsCsv, set.reasons, 1, 13],
      [orgsCsv, set.orgs, 0, 1],
    ] as const) {
      const before = excess(real, name, total);
      const after = excess(synthetic, name, total);
      expect(after.england).toBeGreaterThan(5 * before.england);
      expect(after.excess).toBe(before.excess);
    }
  });
});
