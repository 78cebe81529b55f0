import { describe, expect, it } from 'vitest';
import { monthlyAlt } from '../../pipeline/charts/specs/area.ts';

describe('the monthly chart alternative text', () => {
  const months = [
    { month: '2019-01', days: 120 },
    { month: '2019-02', days: 340 },
  ];

  it('gives the highest and the latest month', () => {
    expect(monthlyAlt('Derby', months, 'February 2019')).toBe(
      'Line chart of delayed days each month in Derby. The highest month was February 2019 with 340 days; the latest, February 2019, had 340.',
    );
  });

  it('says a suppressed latest month was not available, not "had not available"', () => {
    const alt = monthlyAlt('Derby', [...months, { month: '2019-03', days: null }], 'March 2019');
    expect(alt).toBe(
      'Line chart of delayed days each month in Derby. The highest month was February 2019 with 340 days; the value for the latest month, March 2019, was not available.',
    );
    expect(alt).not.toContain('had not available');
  });

  it('says so when no month has a value', () => {
    expect(monthlyAlt('Derby', [{ month: '2019-03', days: null }], 'March 2019')).toBe(
      'Line chart of delayed days each month in Derby. No month has a value available; the value for the latest month, March 2019, was not available.',
    );
  });
});
