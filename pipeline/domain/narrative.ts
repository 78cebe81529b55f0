/**
 * A few sentences built from an area's numbers. Each sentence is worded for every case it can
 * meet: a rise, a fall, no change, and a value that is not available.
 */
import type { AreaModel } from '../types.ts';
import { formatNumber } from './format.ts';

const pct = (value: number): string => `${formatNumber(Math.abs(value), 0)}%`;
const days = (value: number): string =>
  `${formatNumber(value)} delayed ${value === 1 ? 'day' : 'days'}`;
/** Percentages equal once rounded to whole numbers read as "the same". */
const same = (a: number, b: number): boolean => Math.round(a) === Math.round(b);

function latestSentence(m: AreaModel): string {
  const { year, previousYear, days: now, previous, changePct } = m.latest;
  if (now === null)
    return `Figures for ${year} are not complete for ${m.name}, so its latest year cannot be given.`;
  const opening = `In ${year} there were ${days(now)} in ${m.name}`;
  if (previous === null)
    return `${opening}; figures for ${previousYear} are not complete, so no change can be given.`;
  if (now === previous) return `${opening}, the same number as in ${previousYear}.`;
  if (changePct === null)
    return `${opening}, against ${formatNumber(previous)} in ${previousYear}.`;
  if (Math.round(changePct) === 0)
    return `${opening}, almost the same as the ${formatNumber(previous)} of ${previousYear}.`;
  return `${opening}, ${pct(changePct)} ${changePct > 0 ? 'more' : 'fewer'} than in ${previousYear} (${formatNumber(previous)}).`;
}

function bcfSentence(m: AreaModel): string {
  const { after, changePct: area, englandChangePct: england } = m.bcf;
  const opening = `In ${after}, the Better Care Fund's first year,`;
  if (area === null)
    return `${opening} the change in delays cannot be given for ${m.name}, because figures for one of the two years are not complete.`;
  const move =
    Math.round(area) === 0
      ? 'delays were almost unchanged'
      : `delays ${area > 0 ? 'rose' : 'fell'} by ${pct(area)}`;
  if (england === null) return `${opening} ${move}.`;
  const eMove = `England's ${england >= 0 ? 'rose' : 'fell'} by ${pct(england)}`;
  if (Math.round(area) === 0) return `${opening} ${move}, while ${eMove}.`;
  if (Math.sign(area) !== Math.sign(england)) return `${opening} ${move}, while ${eMove}.`;
  if (same(area, england)) return `${opening} ${move}, in line with England's ${pct(england)}.`;
  const faster = Math.abs(area) > Math.abs(england);
  return `${opening} ${move}, ${faster ? 'faster' : 'more slowly'} than England's ${pct(england)}.`;
}

function shareSentence(m: AreaModel): string {
  const { year, area, england } = m.shares;
  if (area.socialCare === null)
    return `The share of delays attributed to social care in ${year} is not available for ${m.name}.`;
  const opening = `Social care was responsible for ${pct(area.socialCare)} of delayed days in ${year}`;
  if (england.socialCare === null) return `${opening}.`;
  if (same(area.socialCare, england.socialCare))
    return `${opening}, the same share as across England.`;
  return `${opening}, ${area.socialCare > england.socialCare ? 'a larger' : 'a smaller'} share than across England (${pct(england.socialCare)}).`;
}

export function narrative(m: AreaModel): string[] {
  return [latestSentence(m), bcfSentence(m), shareSentence(m)];
}
