/**
 * What changed between the last distributed build's snapshot and this one: for every report,
 * whether its content changed, which key figures moved and by how much, the data months added
 * and the earlier months revised; for the whole build, areas added and removed. Pure.
 */
import { monthRange, nextMonth, type Month } from '../domain/periods.ts';
import type { Unit } from '../types.ts';
import type { ReportSnapshot, Snapshot } from './snapshot.ts';

export interface FigureChange {
  id: string;
  label: string;
  unit: Unit;
  /** A change, shown with its sign. */
  signed?: true;
  before: number | null;
  after: number | null;
  /** Set when the figure now covers a different period, e.g. a new financial year. */
  labelBefore?: string;
  /** The figure is new to the report, or no longer in it. */
  added?: true;
  removed?: true;
}

export interface MonthValue {
  month: string;
  before: number | null;
  after: number | null;
}

export type ReportStatus = 'new' | 'changed' | 'unchanged' | 'removed';

export interface ReportChange {
  id: string;
  name: string;
  code?: string;
  pdf: string;
  status: ReportStatus;
  figures: FigureChange[];
  monthsAdded: { month: string; days: number | null }[];
  monthsRevised: MonthValue[];
}

export interface Changes {
  /** False when no report's content changed: there is nothing new to send. */
  changed: boolean;
  /** The distributed build compared with, or null when there is none yet. */
  since: { date: string; months: { first: string; last: string } } | null;
  date: string;
  months: { first: string; last: string };
  monthsAdded: string[];
  monthsRemoved: string[];
  counts: Record<ReportStatus, number>;
  reports: ReportChange[];
}

/** Month → value, for a report's monthly series (which runs month by month from `first`). */
function series(report: ReportSnapshot): Map<string, number | null> {
  const values = new Map<string, number | null>();
  let month = report.monthly.first as Month;
  for (const days of report.monthly.days) {
    values.set(month, days);
    month = nextMonth(month);
  }
  return values;
}

function compareReport(before: ReportSnapshot | undefined, after: ReportSnapshot): ReportChange {
  const base = {
    id: after.id,
    name: after.name,
    ...(after.code ? { code: after.code } : {}),
    pdf: after.pdf,
  };
  if (!before) return { ...base, status: 'new', figures: [], monthsAdded: [], monthsRevised: [] };
  const old = new Map(before.figures.map((f) => [f.id, f]));
  const figures: FigureChange[] = [];
  for (const f of after.figures) {
    const prev = old.get(f.id);
    if (prev && prev.value === f.value && prev.label === f.label) continue;
    figures.push({
      id: f.id,
      label: f.label,
      unit: f.unit,
      ...(f.signed ? { signed: true } : {}),
      before: prev?.value ?? null,
      after: f.value,
      ...(!prev ? { added: true } : prev.label !== f.label ? { labelBefore: prev.label } : {}),
    });
  }
  const current = new Set(after.figures.map((f) => f.id));
  for (const f of before.figures.filter((x) => !current.has(x.id)))
    figures.push({
      id: f.id,
      label: f.label,
      unit: f.unit,
      before: f.value,
      after: null,
      removed: true,
    });
  const was = series(before);
  const now = series(after);
  const monthsAdded = [...now]
    .filter(([month]) => !was.has(month))
    .map(([month, days]) => ({ month, days }));
  const monthsRevised = [...now]
    .filter(([month, days]) => was.has(month) && was.get(month) !== days)
    .map(([month, days]) => ({ month, before: was.get(month)!, after: days }));
  return {
    ...base,
    status: before.fingerprint === after.fingerprint ? 'unchanged' : 'changed',
    figures,
    monthsAdded,
    monthsRevised,
  };
}

const removedReport = (r: ReportSnapshot): ReportChange => ({
  id: r.id,
  name: r.name,
  ...(r.code ? { code: r.code } : {}),
  pdf: r.pdf,
  status: 'removed',
  figures: [],
  monthsAdded: [],
  monthsRevised: [],
});

export function compareSnapshots(before: Snapshot | null, after: Snapshot): Changes {
  const previous = new Map((before?.reports ?? []).map((r) => [r.id, r]));
  const current = new Set(after.reports.map((r) => r.id));
  const reports = [
    ...after.reports.map((r) => compareReport(previous.get(r.id), r)),
    ...(before?.reports ?? []).filter((r) => !current.has(r.id)).map(removedReport),
  ];
  const counts: Record<ReportStatus, number> = { new: 0, changed: 0, unchanged: 0, removed: 0 };
  for (const r of reports) counts[r.status] += 1;
  const monthsOf = (s: Snapshot) =>
    new Set(monthRange(s.months.first as Month, s.months.last as Month));
  const now: Set<string> = monthsOf(after);
  const was: Set<string> = before ? monthsOf(before) : new Set();
  return {
    changed: reports.some((r) => r.status !== 'unchanged'),
    since: before ? { date: before.date, months: before.months } : null,
    date: after.date,
    months: after.months,
    monthsAdded: before ? [...now].filter((m) => !was.has(m)) : [],
    monthsRemoved: [...was].filter((m) => !now.has(m)),
    counts,
    reports,
  };
}
