/**
 * Sums and shares over financial years, shared by validation (recomputing claims), charts and
 * templates. A year with any month not available, or fewer than twelve months, has no total:
 * a partial or incomplete year is never compared with a full one.
 */
import type { Area, AreaMonth, Days, DtocDataset } from '../types.ts';
import { monthsOfFinancialYear } from './periods.ts';

export interface YearSum {
  year: string;
  /** null when any month is missing or not available. */
  value: number | null;
  monthsPresent: number;
  monthsNotAvailable: number;
}

export type Pick = (m: AreaMonth) => Days;

export const pickTotal: Pick = (m) => m.total;
export const pickNhs: Pick = (m) => m.nhs;
export const pickSocialCare: Pick = (m) => m.socialCare;
export const pickBoth: Pick = (m) => m.both;

export function yearSum(area: Area, year: string, pick: Pick = pickTotal): YearSum {
  // A financial year's months ("2015-04" to "2016-03") sort together as text.
  const months = monthsOfFinancialYear(year);
  const first = months[0]!;
  const last = months[months.length - 1]!;
  let value = 0;
  let present = 0;
  let notAvailable = 0;
  for (const m of area.months) {
    if (m.month < first || m.month > last) continue;
    present++;
    const v = pick(m);
    if (v === null) notAvailable++;
    else value += v;
  }
  const complete = present === 12 && notAvailable === 0;
  return {
    year,
    value: complete ? value : null,
    monthsPresent: present,
    monthsNotAvailable: notAvailable,
  };
}

export function reasonPick(data: DtocDataset, column: string): Pick | undefined {
  const index = data.reasons.findIndex((r) => r.column === column);
  return index < 0 ? undefined : (m) => m.reasons[index] ?? null;
}

export const orgPicks = { nhs: pickNhs, 'social-care': pickSocialCare, both: pickBoth } as const;
export type OrgPart = keyof typeof orgPicks;

/** Share of a year's delayed days attributed to one organisation, in per cent to one decimal. */
export function orgShare(area: Area, year: string, part: OrgPart): number | null {
  const sums = Object.values(orgPicks).map((pick) => yearSum(area, year, pick).value);
  const partValue = yearSum(area, year, orgPicks[part]).value;
  if (sums.some((s) => s === null) || partValue === null) return null;
  const total = (sums as number[]).reduce((a, b) => a + b, 0);
  return total === 0 ? null : round1((partValue / total) * 100);
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Percentage change from `before` to `after`, to one decimal; null when either is unknown or zero. */
export function percentChange(before: number | null, after: number | null): number | null {
  if (before === null || after === null || before === 0) return null;
  return round1(((after - before) / before) * 100);
}

export function findArea(data: DtocDataset, nameOrCode: string): Area | undefined {
  if (nameOrCode === 'England') return data.england;
  const wanted = nameOrCode.trim().toLowerCase();
  return data.areas.find(
    (a) =>
      a.name.toLowerCase() === wanted ||
      a.slug === wanted ||
      a.codes.old?.toLowerCase() === wanted ||
      a.codes.current?.toLowerCase() === wanted,
  );
}
