/**
 * The change report as Markdown (out/changes.md) and JSON (out/changes.json). The same sentences
 * appear in both: changes.json gives each report its own lines, so a recipient's email can lead
 * with the changes to the report they receive. Pure.
 */
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatSigned,
  formatValue,
} from '../domain/format.ts';
import { monthLabel, type Month } from '../domain/periods.ts';
import type { OutputFile } from '../types.ts';
import type { Changes, FigureChange, ReportChange } from './compare.ts';

export const CHANGES_MD = 'changes.md';
export const CHANGES_JSON = 'changes.json';

const month = (m: string) => monthLabel(m as Month);
const days = (value: number | null) => (value === null ? 'not available' : formatNumber(value));

function value(v: number | null, f: FigureChange): string {
  if (v === null) return 'not available';
  return f.unit === 'percent' ? formatPercent(v, 1, f.signed) : formatValue(v, f.unit);
}

/** "1,234 → 1,300 (+66, +5.3%)" or, for a percentage, "12.0% → 14.5% (+2.5 points)". */
function movement(f: FigureChange): string {
  const from = value(f.before, f);
  const to = value(f.after, f);
  if (f.before === null || f.after === null) return `${from} → ${to}`;
  const diff = f.after - f.before;
  if (f.unit === 'percent') return `${from} → ${to} (${formatSigned(diff, 1)} points)`;
  const decimals = Number.isInteger(diff) ? 0 : 1;
  const pct = f.before !== 0 ? `, ${formatPercent((diff / f.before) * 100, 1, true)}` : '';
  return `${from} → ${to} (${formatSigned(diff, decimals)}${pct})`;
}

/**
 * What the earlier label said that this one does not: "Delayed days, 2017-18" beside
 * "Delayed days, 2018-19" → "2017-18". Words in common at either end are dropped.
 */
export function labelDifference(before: string, after: string): string {
  const a = before.split(' ');
  const b = after.split(' ');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a.at(-1 - end) === b.at(-1 - end))
    end += 1;
  return a.slice(start, a.length - end).join(' ') || before;
}

function figureLine(f: FigureChange): string {
  if (f.labelBefore)
    return `${f.label}: ${value(f.after, f)} (the last briefing sent gave ${value(f.before, f)} for ${labelDifference(f.labelBefore, f.label)})`;
  if (f.added) return `${f.label}: ${value(f.after, f)} (new figure)`;
  if (f.removed) return `${f.label}: no longer given (was ${value(f.before, f)})`;
  return `${f.label}: ${movement(f)}`;
}

const listMonths = (months: string[], max = 3): string =>
  months.length <= max
    ? months.join(', ')
    : `${months.slice(0, max).join(', ')} and ${months.length - max} more`;

/** The sentences (Markdown bullets, without the marker) describing one report's changes. */
export function reportLines(r: ReportChange): string[] {
  switch (r.status) {
    case 'new':
      return ['New report: not in the briefings sent before.'];
    case 'removed':
      return ['No longer produced: the area is not in the latest data.'];
    case 'unchanged':
      return ['No change since the briefing sent before.'];
  }
  const lines = r.figures.map(figureLine);
  if (r.monthsAdded.length)
    lines.push(
      `New data: ${r.monthsAdded.map((m) => `${month(m.month)}, ${days(m.days)} delayed days`).join('; ')}.`,
    );
  if (r.monthsRevised.length)
    lines.push(
      `Revised: ${r.monthsRevised.length} earlier month${r.monthsRevised.length === 1 ? '' : 's'} (${listMonths(
        r.monthsRevised.map((m) => `${month(m.month)} ${days(m.before)} → ${days(m.after)}`),
      )}).`,
    );
  if (!lines.length) lines.push('Wording or presentation changed; no key figure moved.');
  else if (!r.figures.length && r.monthsAdded.length)
    lines.push('No key figure moved: the figures cover complete financial years.');
  return lines;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function header(c: Changes): string[] {
  const lines = ['# What changed', ''];
  if (!c.since) {
    lines.push(
      'No briefing has been distributed yet, so there is nothing to compare with: every report is new.',
      '',
      `Data runs from ${month(c.months.first)} to ${month(c.months.last)}.`,
    );
    return lines;
  }
  lines.push(
    `Compared with the briefings distributed on ${formatDate(c.since.date)} (data to ${month(c.since.months.last)}).`,
    '',
  );
  const data = c.monthsAdded.length
    ? `now runs to ${month(c.months.last)}: ${plural(c.monthsAdded.length, 'month')} added (${listMonths(c.monthsAdded.map(month), 6)}).`
    : `no months added; it still runs to ${month(c.months.last)}.`;
  lines.push(`- **Data:** ${data}`);
  if (c.monthsRemoved.length)
    lines.push(`- **Months no longer in the data:** ${listMonths(c.monthsRemoved.map(month), 6)}.`);
  const { changed, unchanged, removed } = c.counts;
  lines.push(
    `- **Reports:** ${changed} changed, ${unchanged} unchanged, ${c.counts.new} new, ${removed} removed.`,
  );
  if (!c.changed) lines.push('', 'Nothing changed in any report: there is nothing new to send.');
  return lines;
}

const title = (r: ReportChange) => (r.code ? `${r.name} (${r.code})` : r.name);

export function changesMarkdown(c: Changes): string {
  const lines = header(c);
  const shown = c.reports.filter((r) => c.since && r.status !== 'unchanged');
  const national = shown.filter((r) => r.id === 'national');
  const areas = shown.filter((r) => r.id !== 'national');
  for (const r of national)
    lines.push('', `## National briefing: ${r.name}`, '', ...reportLines(r).map((l) => `- ${l}`));
  if (areas.length) {
    lines.push('', '## Areas');
    for (const r of areas)
      lines.push('', `### ${title(r)}`, '', ...reportLines(r).map((l) => `- ${l}`));
  }
  return `${lines.join('\n')}\n`;
}

export function changesFiles(c: Changes): OutputFile[] {
  const json = {
    ...c,
    summary: header(c).slice(2).filter(Boolean),
    reports: c.reports.map((r) => ({ ...r, lines: reportLines(r) })),
  };
  const encode = (text: string) => new TextEncoder().encode(text);
  return [
    { path: CHANGES_MD, bytes: encode(changesMarkdown(c)) },
    { path: CHANGES_JSON, bytes: encode(`${JSON.stringify(json, null, 2)}\n`) },
  ];
}
