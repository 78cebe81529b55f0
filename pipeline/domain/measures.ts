/** Recompute a claim's figure from the data, by the rule the claim declares. */
import type { Measure } from '../validate/content-schema.ts';
import type { DtocDataset } from '../types.ts';
import { findArea, orgShare, pickTotal, reasonPick, yearSum } from './dtoc-stats.ts';

export type MeasureResult = { value: number } | { error: string };

export function computeMeasure(measure: Measure, data: DtocDataset): MeasureResult {
  const area = findArea(data, measure.area);
  if (!area) return { error: `no area named "${measure.area}" in the data` };
  const total = (year: string, pick = pickTotal): MeasureResult => {
    const sum = yearSum(area, year, pick);
    if (sum.value !== null) return { value: sum.value };
    if (sum.monthsPresent < 12)
      return { error: `${year} has ${sum.monthsPresent} of 12 months of data for ${area.name}` };
    return {
      error: `${year} has ${sum.monthsNotAvailable} month(s) not available for ${area.name}`,
    };
  };
  switch (measure.measure) {
    case 'fy-total':
      return total(measure.year);
    case 'fy-change': {
      const from = total(measure.from);
      const to = total(measure.to);
      if ('error' in from) return from;
      if ('error' in to) return to;
      return { value: to.value - from.value };
    }
    case 'fy-share': {
      const share = orgShare(area, measure.year, measure.part);
      return share === null
        ? { error: `${measure.year} is incomplete for ${area.name}` }
        : { value: share };
    }
    case 'fy-reason': {
      const pick = reasonPick(data, measure.reason);
      if (!pick) return { error: `no reason column "${measure.reason}"` };
      return total(measure.year, pick);
    }
  }
}

/** The rule in words, for the validation report: "change in total, England, 2014-15 to 2015-16". */
export function describeMeasure(measure: Measure): string {
  switch (measure.measure) {
    case 'fy-total':
      return `total delayed days, ${measure.area}, ${measure.year}`;
    case 'fy-change':
      return `change in total delayed days, ${measure.area}, ${measure.from} to ${measure.to}`;
    case 'fy-share':
      return `share of delayed days attributed to ${measure.part.replace('-', ' ')} (%), ${measure.area}, ${measure.year}`;
    case 'fy-reason':
      return `delayed days for "${measure.reason}", ${measure.area}, ${measure.year}`;
  }
}
