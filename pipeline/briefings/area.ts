/**
 * An area briefing: what its template is given (every figure pre-formatted from the area's
 * model), and the files it makes. Every figure comes from NHS England's data, cited as such.
 */
import { rankText } from '../charts/specs/area-position.ts';
import { formatDays, formatPercent } from '../domain/format.ts';
import { narrative } from '../domain/narrative.ts';
import { monthLabel, type Month } from '../domain/periods.ts';
import type { FillInput } from '../stages/fill.ts';
import type { AreaModel, ChartImage, Rank, Shares, Source } from '../types.ts';

export const AREA_DIR = 'areas';

export const areaFiles = (slug: string) => ({
  pdf: `${AREA_DIR}/${slug}.pdf`,
  html: `${AREA_DIR}/${slug}.html`,
});

/** What every area briefing shares: the date, the template and the sources. */
export interface AreaCommon {
  date: string;
  dateLabel: string;
  lang: string;
  template: FillInput['template'];
  /** NHS England's data first, then the NAO report for the Better Care Fund. */
  sources: Source[];
}

const rank = (r: Rank | null): string => (r ? rankText(r) : 'not available');
const signed = (v: number | null): string => formatPercent(v, 1, true);

/** The key numbers' share rows: who was responsible for the delays. */
const SHARE_ROWS: [keyof Shares, string][] = [
  ['socialCare', 'social care'],
  ['nhs', 'the NHS'],
  ['both', 'both NHS and social care'],
];

function codes(m: AreaModel): string {
  const { old, current } = m.codes;
  if (old && current) return `ONS code ${current}; code ${old} until March 2015`;
  return current ? `ONS code ${current}` : old ? `code ${old}` : 'no code in the data';
}

function qualityNotes(m: AreaModel): string[] {
  const q = m.quality;
  const notes: string[] = [];
  if (q.codeChange)
    notes.push(
      `${m.name}'s code changed from ${q.codeChange.old} to the ONS code ${q.codeChange.current} in April 2015; the two are joined here by the area's name.`,
    );
  if (q.notAvailableMonths.length)
    notes.push(
      `${q.notAvailableMonths.length} month${q.notAvailableMonths.length === 1 ? ' is' : 's are'} not available (${q.notAvailableMonths.join(', ')}); a year that includes one has no annual total and is left out of comparisons.`,
    );
  else
    notes.push(
      `Every month from ${monthLabel(m.period.first as Month)} to ${monthLabel(m.period.last as Month)} is available.`,
    );
  if (q.partialYears.length)
    notes.push(`Partial years (${q.partialYears.join(', ')}) are not compared with full years.`);
  for (const reason of q.notCollected)
    notes.push(
      `The reason "${reason.replace(/ \(collected.*/, '')}" was not collected before ${reason.replace(/.*collected from (.*)\)/, '$1')}.`,
    );
  notes.push(
    "England's figures include delays not attributed to any one local authority, so areas' figures add up to slightly less than England's.",
  );
  return notes;
}

export function areaFill(m: AreaModel, charts: ChartImage[], common: AreaCommon): FillInput {
  const files = areaFiles(m.slug);
  const { latest, bcf, shares } = m;
  return {
    meta: {
      id: `area-${m.slug}`,
      title: `${m.name}: delayed transfers of care`,
      subtitle: `Delayed transfers of care in ${m.name}, ${monthLabel(m.period.first as Month)} to ${monthLabel(m.period.last as Month)}, with England for comparison`,
      date: common.date,
      dateLabel: common.dateLabel,
      lang: common.lang,
      author: 'Briefing pipeline, from NHS England statistics',
      shortTitle: `${m.name}: delayed transfers of care`,
      keywords: ['delayed transfers of care', m.name, 'local authority', 'NHS England'],
      pdfFile: `${m.slug}.pdf`,
      htmlFile: `${m.slug}.html`,
      backLink: { href: 'index.html', label: 'All areas' },
    },
    template: common.template,
    context: {
      area: {
        name: m.name,
        codes: codes(m),
        period: `${monthLabel(m.period.first as Month)} to ${monthLabel(m.period.last as Month)}`,
      },
      summary: narrative(m),
      rows: [
        {
          measure: `Delayed days, ${latest.year}`,
          area: formatDays(latest.days),
          england: formatDays(latest.englandDays),
          rank: rank(latest.daysRank),
        },
        {
          measure: `Change on ${latest.previousYear}`,
          area: signed(latest.changePct),
          england: signed(latest.englandChangePct),
          rank: rank(latest.changeRank),
        },
        {
          measure: `Change in ${bcf.after} on ${bcf.before}`,
          area: signed(bcf.changePct),
          england: signed(bcf.englandChangePct),
          rank: rank(bcf.rank),
        },
        ...SHARE_ROWS.map(([part, label]) => ({
          measure: `Attributed to ${label}, ${shares.year}`,
          area: formatPercent(shares.area[part]),
          england: formatPercent(shares.england[part]),
          rank: rank(shares.ranks[part]),
        })),
      ],
      quality: qualityNotes(m),
      files,
    },
    refs: {
      claims: new Map(),
      quotes: new Map(),
      sources: new Map(common.sources.map((s) => [s.id, s])),
      charts: new Map(charts.map((c) => [c.id, c])),
      discrepancies: [],
    },
  };
}
