/**
 * The values a claim may state, by unit. A figure is a level (an amount, a count, a share)
 * unless it declares `change: true`: a rise or a fall between two values, which may be negative.
 *
 *   unit                      level                    change
 *   percent                   0 to 100                 -100 or more (a fall cannot exceed the whole)
 *   count, days, admissions   a whole number, 0 or more    any whole number
 *   gbp-bn, gbp-m             0 or more                any amount
 *
 * Money is stated as a positive amount, its label saying what it is ("NHS trust deficits").
 */
import type { MessageDef } from './problems.ts';
import * as msg from '../messages/index.ts';
import type { Unit } from '../types.ts';

export interface ValueRange {
  min?: number;
  max?: number;
  whole: boolean;
}

const WHOLE = { level: { min: 0, whole: true }, change: { whole: true } };
const MONEY = { level: { min: 0, whole: false }, change: { whole: false } };

const CLAIM_VALUE_RANGES: Record<Unit, { level: ValueRange; change: ValueRange }> = {
  percent: { level: { min: 0, max: 100, whole: false }, change: { min: -100, whole: false } },
  count: WHOLE,
  days: WHOLE,
  admissions: WHOLE,
  'gbp-bn': MONEY,
  'gbp-m': MONEY,
};

/** "a whole number of 0 or more", "a number from 0 to 100": a range in words. */
function describeRange({ min, max, whole }: ValueRange): string {
  const kind = whole ? 'a whole number' : 'a number';
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} of ${min} or more`;
  if (max !== undefined) return `${kind} of ${max} or less`;
  return kind;
}

const inRange = (value: number, { min, max, whole }: ValueRange): boolean =>
  (min === undefined || value >= min) &&
  (max === undefined || value <= max) &&
  (!whole || Number.isInteger(value));

/** The problem with a claim's stated value, if it is outside the range for its unit. */
export function checkClaimValue(claim: {
  id: string;
  value?: number | undefined;
  unit: Unit;
  change?: boolean | undefined;
}): MessageDef | undefined {
  if (claim.value === undefined) return undefined;
  const change = claim.change === true;
  const range = CLAIM_VALUE_RANGES[claim.unit][change ? 'change' : 'level'];
  if (inRange(claim.value, range)) return undefined;
  return msg.claimValueOutOfRange(claim.id, claim.unit, change, claim.value, describeRange(range));
}
