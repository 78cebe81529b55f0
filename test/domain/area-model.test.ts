import { describe, expect, it } from 'vitest';
import { buildAreaModels, rankOf } from '../../pipeline/domain/area-model.ts';
import { slugify } from '../../pipeline/domain/slug.ts';
import { validate } from '../../pipeline/stages/validate.ts';
import { dtocRows, FIXTURE_OPTIONS, fixtureFiles } from '../helpers/fixtures.ts';
import { realValid } from '../helpers/project.ts';

describe('rankOf', () => {
  it('ranks highest first, gives ties the same place, and leaves out areas without a value', () => {
    const values = new Map<string, number | null>([
      ['a', 10],
      ['b', 30],
      ['c', 30],
      ['d', null],
      ['e', 5],
    ]);
    expect(rankOf(values, 'b')).toEqual({ position: 1, of: 4 });
    expect(rankOf(values, 'c')).toEqual({ position: 1, of: 4 });
    expect(rankOf(values, 'a')).toEqual({ position: 3, of: 4 });
    expect(rankOf(values, 'e')).toEqual({ position: 4, of: 4 });
    expect(rankOf(values, 'd')).toBeNull();
  });
});

describe('slugify', () => {
  it('makes stable ASCII file names', () => {
    expect(slugify('Barking & Dagenham')).toBe('barking-and-dagenham');
    expect(slugify('Stoke-On-Trent')).toBe('stoke-on-trent');
    expect(slugify('St Helens')).toBe('st-helens');
    expect(slugify('Bath & North East Somerset')).toBe('bath-and-north-east-somerset');
  });
});

describe('area models', () => {
  it('keeps a suppressed month as not available: no annual total, a gap in the rolling average, a quality note', () => {
    const rows = dtocRows();
    // Barnet, June 2015: the total and every reason suppressed.
    const i = rows.reasons.findIndex((r) => r[1] === 'Barnet' && r.at(-1) === 'June 2015');
    rows.reasons[i] = rows.reasons[i]!.map((cell, c) =>
      c >= 2 && c < rows.reasons[i]!.length - 1 ? '-' : cell,
    );
    const valid = validate({ files: fixtureFiles({ rows }) }, FIXTURE_OPTIONS);
    const barnet = buildAreaModels(valid.dtoc).models.find((m) => m.slug === 'barnet')!;
    expect(barnet.latest.days).toBeNull();
    expect(barnet.monthly.find((p) => p.month === '2015-06')!.days).toBeNull();
    expect(barnet.monthly.find((p) => p.month === '2016-03')!.rolling).toBeNull();
    expect(barnet.quality.notAvailableMonths).toEqual(['June 2015']);
  });

  it('computes the real figures: Derby in 2018-19 and its place among 150 areas', async () => {
    const { models, distribution } = buildAreaModels((await realValid()).dtoc);
    expect(models).toHaveLength(150);
    const derby = models.find((m) => m.slug === 'derby')!;
    expect(derby.codes).toEqual({ old: '507', current: 'E06000015' });
    expect(derby.latest).toMatchObject({
      year: '2018-19',
      days: 3779,
      previous: 4098,
      changePct: -7.8,
      englandDays: 1_665_649,
    });
    expect(derby.bcf).toMatchObject({
      changePct: 43.9,
      englandChangePct: 11.4,
      rank: { position: 23, of: 150 },
    });
    expect(
      derby.shares.area.socialCare! + derby.shares.area.nhs! + derby.shares.area.both!,
    ).toBeCloseTo(100, 0);
    expect(distribution.areas).toHaveLength(150);
    expect(distribution.maxMonthly).toBeGreaterThan(5000);
  });

  it('places each area among all areas on each share: social care, the NHS and both', async () => {
    const { models } = buildAreaModels((await realValid()).dtoc);
    const derby = models.find((m) => m.slug === 'derby')!;
    for (const part of ['socialCare', 'nhs', 'both'] as const) {
      const known = models.map((m) => m.shares.area[part]).filter((v) => v !== null);
      const higher = known.filter((v) => v > derby.shares.area[part]!).length;
      expect(derby.shares.ranks[part], part).toEqual({ position: higher + 1, of: known.length });
    }
    // The three ranks are of different measures, not one rank repeated.
    expect(new Set(Object.values(derby.shares.ranks).map((r) => r!.position)).size).toBe(3);
  });
});
