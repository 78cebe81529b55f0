/**
 * Warnings for values far outside an area's own history: a month more than ten robust deviations
 * from the area's median, and at least 500 days away from it. They do not stop a build unless
 * --strict is given; they are listed in the validation report.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { LocatedMonth } from './dtoc-assemble.ts';
import { problem } from './problems.ts';

const DEVIATIONS = 10;
const MIN_DISTANCE = 500;

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function findUnusualValues(
  areas: { name: string; months: LocatedMonth[] }[],
  file: string,
  problems: Problem[],
): number {
  let checked = 0;
  for (const area of areas) {
    const values = area.months.map((m) => m.total).filter((v): v is number => v !== null);
    if (values.length < 12) continue;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = median(sorted);
    const mad = median(values.map((v) => Math.abs(v - mid)).sort((a, b) => a - b)) || 1;
    for (const m of area.months) {
      if (m.total === null) continue;
      checked++;
      const distance = Math.abs(m.total - mid);
      if (distance > DEVIATIONS * mad * 1.4826 && distance >= MIN_DISTANCE) {
        problems.push(
          problem(
            file,
            { line: m.line, field: 'Total Delayed Transfers of Care' },
            msg.valueUnusual(area.name, m.month, m.total, Math.round(mid)),
            'warning',
          ),
        );
      }
    }
  }
  return checked;
}
