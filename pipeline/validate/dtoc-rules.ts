/**
 * Domain rules of the DToC data that no single cell can show: reasons add up to the total, the
 * responsible organisations add up to the same total, every area reports every month in its
 * span, and England is at least the sum of its areas and within 1% of it.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { monthRange, nextMonth, type Month } from '../domain/periods.ts';
import { rowKey } from './dtoc-rows.ts';
import type { Area } from '../types.ts';
import type { LocatedMonth } from './dtoc-assemble.ts';
import { problem } from './problems.ts';

export interface RuleFiles {
  reasons: string;
  orgs: string;
}

export interface RuleCount {
  id: string;
  description: string;
  checked: number;
}

type LocatedArea = Area & { months: LocatedMonth[] };

const sum = (values: (number | null)[]): number => values.reduce<number>((a, b) => a + (b ?? 0), 0);

/** Reasons add up to the total; NHS + Social Care + Both equal it too. */
export function checkTotals(
  months: LocatedMonth[],
  files: RuleFiles,
  problems: Problem[],
): RuleCount[] {
  let reasonChecks = 0;
  let orgChecks = 0;
  for (const m of months) {
    if (m.total === null) continue;
    const reasonSum = sum(m.reasons);
    const complete = m.reasons.every(
      (r, i) => r !== null || (i === m.reasons.length - 1 && m.month < '2017-04'),
    );
    if (complete ? reasonSum !== m.total : reasonSum > m.total) {
      problems.push(
        problem(
          files.reasons,
          { line: m.line, field: 'Total Delayed Transfers of Care' },
          msg.reasonsNotTotal(m.total, reasonSum, complete),
        ),
      );
    }
    reasonChecks++;
    const parts = [m.nhs, m.socialCare, m.both];
    if (m.orgLine === undefined || parts.some((p) => p === null)) continue;
    const orgSum = sum(parts);
    if (orgSum !== m.total) {
      problems.push(
        problem(
          files.orgs,
          { line: m.orgLine, field: 'Both' },
          msg.orgNotTotal(m.name, m.month, orgSum, m.total, files.reasons, m.line),
        ),
      );
    }
    orgChecks++;
  }
  return [
    {
      id: 'reasons-add-up',
      description: 'In each row the reasons for delay add up to the total',
      checked: reasonChecks,
    },
    {
      id: 'organisations-add-up',
      description: 'NHS + Social Care + Both equals the total for the same area and month',
      checked: orgChecks,
    },
  ];
}

/** Every area has a row for every month between its first and last month. */
/** Every area (England included) has a row for every month between its first and last. */
export function checkMonths(
  areas: LocatedArea[],
  file: string,
  problems: Problem[],
  broken: Set<string> = new Set(),
): RuleCount {
  // Every area runs to the latest month in the file: an area whose last months are missing has
  // not been delivered, not ended.
  const latest = areas
    .map((a) => a.months.at(-1)?.month)
    .reduce<Month | undefined>(
      (a, b) => (a === undefined || (b !== undefined && b > a) ? b : a),
      undefined,
    );
  for (const area of areas) {
    const first = area.months[0];
    if (!first || !latest) continue;
    const have = new Set(area.months.map((m) => m.month));
    const missing = monthRange(first.month, latest).filter(
      (month) => !have.has(month) && !broken.has(rowKey(area.name, month)),
    );
    // A run of missing months is one problem, not one per month.
    for (const [from, to] of runs(missing))
      problems.push(problem(file, { field: 'Period' }, msg.monthMissing(area.name, from, to)));
  }
  return {
    id: 'one-row-per-month',
    description:
      'Each area has exactly one row for every month from its first to the latest month in the file',
    checked: areas.length,
  };
}

/** Consecutive months as [first, last] pairs. */
function runs(months: Month[]): [Month, Month][] {
  const out: [Month, Month][] = [];
  for (const month of months) {
    const last = out.at(-1);
    if (last && nextMonth(last[1]) === month) last[1] = month;
    else out.push([month, month]);
  }
  return out;
}

/** England is at least the sum of its areas and within 1% of it, month by month. */
export function checkEngland(
  england: LocatedArea,
  areas: LocatedArea[],
  file: string,
  problems: Problem[],
  broken: Set<string> = new Set(),
): RuleCount {
  const byMonth = new Map<Month, { sum: number; complete: boolean }>();
  for (const area of areas) {
    for (const m of area.months) {
      const entry = byMonth.get(m.month) ?? { sum: 0, complete: true };
      entry.sum += m.total ?? 0;
      entry.complete &&= m.total !== null;
      byMonth.set(m.month, entry);
    }
  }
  // A month the areas report must have an England row too (unless that row was left out for a bad cell).
  const englandMonths = new Set(england.months.map((m) => m.month));
  // (Gaps inside England's span, and months after its last, are checkMonths's to report.)
  const first = england.months[0]?.month;
  const outside = (month: Month) => !first || month < first;
  const absent = [...byMonth.keys()]
    .filter(
      (month) =>
        !englandMonths.has(month) && outside(month) && !broken.has(rowKey(england.name, month)),
    )
    .sort();
  for (const [from, to] of runs(absent))
    problems.push(problem(file, { field: 'Period' }, msg.monthMissing(england.name, from, to)));
  const hasBroken = (month: Month) => [...broken].some((key) => key.endsWith(`\u0000${month}`));
  let checked = 0;
  for (const m of england.months) {
    const areasSum = byMonth.get(m.month);
    if (m.total === null || !areasSum || hasBroken(m.month)) continue;
    checked++;
    const where = { line: m.line, field: 'Total Delayed Transfers of Care' };
    if (m.total < areasSum.sum)
      problems.push(problem(file, where, msg.englandBelowAreas(m.month, m.total, areasSum.sum)));
    else if (areasSum.complete && m.total - areasSum.sum > 0.01 * m.total) {
      problems.push(problem(file, where, msg.englandFarFromAreas(m.month, m.total, areasSum.sum)));
    }
  }
  return {
    id: 'england-matches-areas',
    description: 'England is at least the sum of its areas and within 1% of it',
    checked,
  };
}
