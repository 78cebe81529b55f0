/** Number formatting for British readers: thousands separators, a true minus sign, £ before. */
import type { Unit } from '../types.ts';

export const MINUS = '\u2212';

/** Intl formatters are costly to build: one per number of decimals, reused. */
const formatters = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number, decimals = 0): string {
  let formatter = formatters.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(decimals, formatter);
  }
  const text = formatter.format(Math.abs(value));
  return value < 0 ? `${MINUS}${text}` : text;
}

export function formatSigned(value: number, decimals = 0): string {
  return value > 0 ? `+${formatNumber(value, decimals)}` : formatNumber(value, decimals);
}

const decimalsOf = (value: number): number =>
  Number.isInteger(value) ? 0 : (String(value).split('.')[1]?.length ?? 0);

/** A figure with its unit, as it reads in a sentence: £5.3bn, £511m, 185,000, 90%. */
export function formatValue(value: number, unit: Unit, signed = false): string {
  const number = signed ? formatSigned : formatNumber;
  switch (unit) {
    case 'gbp-bn':
      return `£${number(value, decimalsOf(value))}bn`
        .replace(`£${MINUS}`, `${MINUS}£`)
        .replace('£+', '+£');
    case 'gbp-m':
      return `£${number(value, decimalsOf(value))}m`
        .replace(`£${MINUS}`, `${MINUS}£`)
        .replace('£+', '+£');
    case 'percent':
      return `${number(value, decimalsOf(value))}%`;
    default:
      return number(value);
  }
}

/** "not available" wherever a value is missing, never 0. */
export function formatDays(value: number | null): string {
  return value === null ? 'not available' : formatNumber(value);
}

export function formatPercent(value: number | null, decimals = 1, signed = false): string {
  if (value === null) return 'not available';
  return `${signed ? formatSigned(value, decimals) : formatNumber(value, decimals)}%`;
}

/** 1809587 → "1.81m", for chart labels. */
export function formatMillions(value: number): string {
  return `${formatNumber(value / 1e6, 2)}m`;
}

const dateFormats = {
  month: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  day: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }),
};

/** ISO date → "23 November 2026" (or "November 2026" for a month, "2026" for a year). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!m) return String(y);
  // The formatters are made once: toLocaleDateString would build one for every call.
  return (d ? dateFormats.day : dateFormats.month).format(new Date(Date.UTC(y!, m - 1, d ?? 1)));
}
