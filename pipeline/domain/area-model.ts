/**
 * The facts of every area briefing, computed once from the validated data for all areas (ranks
 * need all of them): latest-year delays and change, the BCF year's change beside England's,
 * shares by responsible organisation, monthly series with a rolling average, reasons for delay,
 * and data-quality notes. Values that are not available stay null, never 0.
 */
import type { Area, AreaDistribution, AreaModel, DtocDataset, Rank, Shares } from '../types.ts';
import { orgShare, percentChange, pickTotal, reasonPick, round1, yearSum } from './dtoc-stats.ts';
import { monthLabel, type Month } from './periods.ts';

/** Competition ranking, highest value first ("1st of 150"); areas without a value are left out. */
export function rankOf(values: Map<string, number | null>, key: string): Rank | null {
  const mine = values.get(key);
  if (mine === null || mine === undefined) return null;
  const known = [...values.values()].filter((v): v is number => v !== null);
  return { position: known.filter((v) => v > mine).length + 1, of: known.length };
}

function shares(area: Area, year: string): Shares {
  return {
    nhs: orgShare(area, year, 'nhs'),
    socialCare: orgShare(area, year, 'social-care'),
    both: orgShare(area, year, 'both'),
  };
}

/** Trailing 12-month mean, only where all twelve months are available. */
function monthly(area: Area): AreaModel['monthly'] {
  return area.months.map((m, i) => {
    const window = area.months.slice(Math.max(0, i - 11), i + 1).map((x) => x.total);
    const full = window.length === 12 && window.every((v) => v !== null);
    return {
      month: m.month,
      days: m.total,
      rolling: full ? round1((window as number[]).reduce((a, b) => a + b, 0) / 12) : null,
    };
  });
}

function reasonShares(
  data: DtocDataset,
  area: Area,
  year: string,
): { label: string; share: number | null }[] {
  const sums = data.reasons.map((r) => yearSum(area, year, reasonPick(data, r.column)!).value);
  const total = sums.every((s) => s !== null)
    ? (sums as number[]).reduce((a, b) => a + b, 0)
    : null;
  return data.reasons.map((r, i) => ({
    label: r.label,
    share: total && sums[i] !== null ? round1((sums[i]! / total) * 100) : null,
  }));
}

function quality(data: DtocDataset, area: Area): AreaModel['quality'] {
  const { old, current } = area.codes;
  const partialYears = data.years
    .filter((y) => y.partial || yearSum(area, y.label).monthsPresent < 12)
    .map((y) => y.label);
  const first = area.months[0]?.month ?? data.months[0]!;
  return {
    ...(old && current ? { codeChange: { old, current } } : {}),
    notAvailableMonths: area.months.filter((m) => m.total === null).map((m) => monthLabel(m.month)),
    partialYears,
    notCollected: data.reasons
      .filter((r) => r.collectedFrom && r.collectedFrom > first)
      .map((r) => `${r.label} (collected from ${monthLabel(r.collectedFrom as Month)})`),
  };
}

const largest = (values: number[]): number => values.reduce((a, b) => (b > a ? b : a), 0);

export interface AreaModels {
  models: AreaModel[];
  distribution: AreaDistribution;
}

export function buildAreaModels(
  data: DtocDataset,
  bcf = { before: '2014-15', after: '2015-16' },
): AreaModels {
  const full = data.years.filter((y) => !y.partial).map((y) => y.label);
  const latest = full.at(-1)!;
  const previous = full.at(-2)!;
  const total = (area: Area, year: string) => yearSum(area, year, pickTotal).value;
  const byArea = <T>(fn: (a: Area) => T) => new Map(data.areas.map((a) => [a.slug, fn(a)]));
  const latestDays = byArea((a) => total(a, latest));
  const latestChange = byArea((a) => percentChange(total(a, previous), total(a, latest)));
  const bcfChange = byArea((a) => percentChange(total(a, bcf.before), total(a, bcf.after)));
  const areaShares = byArea((a) => shares(a, latest));
  const shareOf = (part: keyof Shares) =>
    new Map([...areaShares].map(([slug, s]) => [slug, s[part]]));
  const nhsShare = shareOf('nhs');
  const socialCareShare = shareOf('socialCare');
  const bothShare = shareOf('both');
  const englandReasons = reasonShares(data, data.england, latest);
  const englandLatestChange = percentChange(
    total(data.england, previous),
    total(data.england, latest),
  );
  const eBefore = total(data.england, bcf.before);
  const eAfter = total(data.england, bcf.after);

  const models = data.areas.map((area): AreaModel => {
    const days = total(area, latest);
    const prev = total(area, previous);
    const before = total(area, bcf.before);
    const after = total(area, bcf.after);
    return {
      name: area.name,
      slug: area.slug,
      codes: area.codes,
      period: { first: area.months[0]!.month, last: area.months.at(-1)!.month },
      latest: {
        year: latest,
        previousYear: previous,
        days,
        previous: prev,
        change: days !== null && prev !== null ? days - prev : null,
        changePct: latestChange.get(area.slug)!,
        daysRank: rankOf(latestDays, area.slug),
        changeRank: rankOf(latestChange, area.slug),
        englandDays: total(data.england, latest),
        englandChangePct: englandLatestChange,
      },
      bcf: {
        ...bcf,
        daysBefore: before,
        daysAfter: after,
        change: before !== null && after !== null ? after - before : null,
        changePct: bcfChange.get(area.slug)!,
        rank: rankOf(bcfChange, area.slug),
        englandChangePct: percentChange(eBefore, eAfter),
        englandChange: eBefore !== null && eAfter !== null ? eAfter - eBefore : null,
      },
      shares: {
        year: latest,
        area: areaShares.get(area.slug)!,
        england: shares(data.england, latest),
        ranks: {
          nhs: rankOf(nhsShare, area.slug),
          socialCare: rankOf(socialCareShare, area.slug),
          both: rankOf(bothShare, area.slug),
        },
      },
      monthly: monthly(area),
      reasons: reasonShares(data, area, latest).map((r, i) => ({
        label: r.label,
        area: r.share,
        england: englandReasons[i]!.share,
      })),
      orgByYear: full.map((year) => ({
        year,
        nhs: yearSum(area, year, (m) => m.nhs).value,
        socialCare: yearSum(area, year, (m) => m.socialCare).value,
        both: yearSum(area, year, (m) => m.both).value,
      })),
      quality: quality(data, area),
    };
  });
  const distribution: AreaDistribution = {
    year: bcf.after,
    england: percentChange(eBefore, eAfter),
    areas: data.areas.map((a) => ({
      slug: a.slug,
      name: a.name,
      changePct: bcfChange.get(a.slug)!,
    })),
    // Loops, not Math.max(...spread): a large batch has more values than a call can take.
    maxMonthly: largest(models.flatMap((m) => m.monthly.map((p) => p.days ?? 0))),
    maxYear: largest(
      models.flatMap((m) =>
        m.orgByYear.map((y) => (y.nhs ?? 0) + (y.socialCare ?? 0) + (y.both ?? 0)),
      ),
    ),
    reasonLabels: data.reasons.map((r) => r.label),
  };
  return { models, distribution };
}
