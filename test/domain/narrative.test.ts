import { describe, expect, it } from 'vitest';
import { narrative } from '../../pipeline/domain/narrative.ts';
import type { AreaModel } from '../../pipeline/types.ts';

/** An area model with only what the narrative reads; each test changes one part. */
function model(
  parts: {
    latest?: Partial<AreaModel['latest']>;
    bcf?: Partial<AreaModel['bcf']>;
    share?: number | null;
    englandShare?: number | null;
  } = {},
): AreaModel {
  return {
    name: 'Derby',
    slug: 'derby',
    codes: {},
    period: { first: '2011-04', last: '2019-03' },
    latest: {
      year: '2018-19',
      previousYear: '2017-18',
      days: 3779,
      previous: 4098,
      change: -319,
      changePct: -7.8,
      daysRank: null,
      changeRank: null,
      englandDays: null,
      englandChangePct: null,
      ...parts.latest,
    },
    bcf: {
      before: '2014-15',
      after: '2015-16',
      daysBefore: 100,
      daysAfter: 114,
      change: 14,
      changePct: 14,
      rank: null,
      englandChangePct: 11.4,
      englandChange: 184_610,
      ...parts.bcf,
    },
    shares: {
      year: '2018-19',
      area: { nhs: null, socialCare: parts.share === undefined ? 35 : parts.share, both: null },
      england: {
        nhs: null,
        socialCare: parts.englandShare === undefined ? 29.9 : parts.englandShare,
        both: null,
      },
      ranks: { nhs: null, socialCare: null, both: null },
    },
    monthly: [],
    reasons: [],
    orgByYear: [],
    quality: { notAvailableMonths: [], partialYears: [], notCollected: [] },
  };
}

describe('narrative', () => {
  it('describes a fall in the latest year, with the year before', () => {
    expect(narrative(model())[0]).toBe(
      'In 2018-19 there were 3,779 delayed days in Derby, 8% fewer than in 2017-18 (4,098).',
    );
  });

  it('describes a rise, no change, and a change too small to round to a whole per cent', () => {
    expect(narrative(model({ latest: { days: 120, previous: 100, changePct: 20 } }))[0]).toContain(
      '20% more than in 2017-18 (100)',
    );
    expect(narrative(model({ latest: { days: 100, previous: 100, changePct: 0 } }))[0]).toContain(
      'the same number as in 2017-18',
    );
    expect(
      narrative(model({ latest: { days: 1001, previous: 1000, changePct: 0.1 } }))[0],
    ).toContain('almost the same as the 1,000 of 2017-18');
  });

  it('says when a year is not complete instead of inventing a figure', () => {
    expect(narrative(model({ latest: { days: null } }))[0]).toBe(
      'Figures for 2018-19 are not complete for Derby, so its latest year cannot be given.',
    );
    expect(narrative(model({ latest: { previous: null, changePct: null } }))[0]).toContain(
      'figures for 2017-18 are not complete, so no change can be given',
    );
  });

  it("compares the fund's first year with England: faster, slower, in line, opposite, unchanged", () => {
    const bcf = (changePct: number | null) => narrative(model({ bcf: { changePct } }))[1];
    expect(bcf(14)).toBe(
      "In 2015-16, the Better Care Fund's first year, delays rose by 14%, faster than England's 11%.",
    );
    expect(bcf(5)).toContain('rose by 5%, more slowly than England');
    expect(bcf(11.2)).toContain("in line with England's 11%");
    expect(bcf(-8)).toContain("fell by 8%, while England's rose by 11%");
    expect(bcf(0.3)).toContain("delays were almost unchanged, while England's rose by 11%");
    expect(bcf(null)).toContain('cannot be given for Derby');
  });

  it("compares the social care share with England's, and handles a share not available", () => {
    expect(narrative(model())[2]).toBe(
      'Social care was responsible for 35% of delayed days in 2018-19, a larger share than across England (30%).',
    );
    expect(narrative(model({ share: 10 }))[2]).toContain('a smaller share than across England');
    expect(narrative(model({ share: 30.2 }))[2]).toContain('the same share as across England');
    expect(narrative(model({ share: null }))[2]).toBe(
      'The share of delays attributed to social care in 2018-19 is not available for Derby.',
    );
  });
});
