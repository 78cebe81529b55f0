/**
 * Months and financial years. A month is "YYYY-MM"; an English financial year runs April to
 * March and is labelled "2015-16".
 */

export type Month = `${number}-${string}`;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "April 2015" → "2015-04"; undefined when the text is not a real month. */
export function parseMonthName(text: string): Month | undefined {
  const match = /^\s*([A-Za-z]+)\s+(\d{4})\s*$/.exec(text);
  if (!match) return undefined;
  const index = MONTH_NAMES.findIndex((m) => m.toLowerCase() === match[1]!.toLowerCase());
  const year = Number(match[2]);
  if (index < 0 || year < 1990 || year > 2100) return undefined;
  return monthOf(year, index + 1);
}

export function monthOf(year: number, month: number): Month {
  return `${year}-${String(month).padStart(2, '0')}` as Month;
}

export function monthParts(month: Month): { year: number; month: number } {
  const [y, m] = month.split('-');
  return { year: Number(y), month: Number(m) };
}

/** "2015-04" → "April 2015". */
export function monthLabel(month: Month): string {
  const { year, month: m } = monthParts(month);
  return `${MONTH_NAMES[m - 1]} ${year}`;
}

/** "2015-04" → "Apr 2015" for compact axis labels. */
export function monthShortLabel(month: Month): string {
  const { year, month: m } = monthParts(month);
  return `${MONTH_NAMES[m - 1]!.slice(0, 3)} ${year}`;
}

export function nextMonth(month: Month): Month {
  const { year, month: m } = monthParts(month);
  return m === 12 ? monthOf(year + 1, 1) : monthOf(year, m + 1);
}

/** Every month from `first` to `last`, inclusive. */
export function monthRange(first: Month, last: Month): Month[] {
  const months: Month[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

/** The financial year a month belongs to: "2016-01" → "2015-16". */
export function financialYearOf(month: Month): string {
  const { year, month: m } = monthParts(month);
  const start = m >= 4 ? year : year - 1;
  return fyLabel(start);
}

export function fyLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function fyStartYear(label: string): number {
  return Number(label.slice(0, 4));
}

/** The twelve months of a financial year, April to March. */
export function monthsOfFinancialYear(label: string): Month[] {
  const start = fyStartYear(label);
  return monthRange(monthOf(start, 4), monthOf(start + 1, 3));
}

export interface FinancialYear {
  label: string;
  months: Month[];
  /** Fewer than twelve months of data: never compare with a full year. */
  partial: boolean;
}

/** Group the months present into financial years, flagging partial years. */
export function financialYears(months: readonly Month[]): FinancialYear[] {
  const byYear = new Map<string, Month[]>();
  for (const month of [...months].sort()) {
    const label = financialYearOf(month);
    byYear.set(label, [...(byYear.get(label) ?? []), month]);
  }
  return [...byYear].map(([label, ms]) => ({ label, months: ms, partial: ms.length < 12 }));
}
