/**
 * Join the two DToC files into one record per area and month, checking keys: one row per area
 * and month, a responsible-organisation row for every reasons row, and one old and one new code
 * per area name.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { Month } from '../domain/periods.ts';
import { slugify } from '../domain/slug.ts';
import type { Area, AreaMonth, Days } from '../types.ts';
import { REASONS } from './dtoc-schema.ts';
import { keyOf, type TypedRow, type TypedTable } from './dtoc-rows.ts';
import { problem } from './problems.ts';

/** An AreaMonth that remembers where it came from, for located rule errors. */
export interface LocatedMonth extends AreaMonth {
  name: string;
  line: number;
  orgLine?: number;
}

const GSS = /^E\d{8}$/;

/** Index rows by the table's declared key (area and month), reporting a second row for a key. */
function indexByKey(table: TypedTable, problems: Problem[]): Map<string, TypedRow> {
  const [area, month] = table.key;
  const index = new Map<string, TypedRow>();
  for (const row of table.rows) {
    const key = keyOf(row.values, table.key);
    const first = index.get(key);
    if (first) {
      problems.push(
        problem(
          table.file,
          { line: row.line, field: month },
          msg.rowDuplicate(row.values[area] as string, row.values[month] as Month, first.line),
        ),
      );
      continue;
    }
    index.set(key, row);
  }
  return index;
}

export function joinMonths(
  reasons: TypedTable,
  orgs: TypedTable,
  problems: Problem[],
): LocatedMonth[] {
  const reasonIndex = indexByKey(reasons, problems);
  const orgIndex = indexByKey(orgs, problems);
  const months: LocatedMonth[] = [];
  for (const [key, row] of reasonIndex) {
    const v = row.values;
    const org = orgIndex.get(key);
    orgIndex.delete(key);
    // A row left out for a bad cell is not reported missing a second time, and a file whose
    // header failed was not read, so its rows are unknown rather than missing.
    if (!org && !orgs.headerFailed && orgs.rows.length > 0 && !orgs.broken.has(key)) {
      problems.push(
        problem(
          orgs.file,
          { field: 'Name' },
          msg.orgRowMissing(v.Name as string, v.Period as Month, reasons.file, row.line),
        ),
      );
    }
    months.push({
      name: v.Name as string,
      code: v.Code as string,
      month: v.Period as Month,
      line: row.line,
      reasons: REASONS.map((r) => v[r.column] as Days),
      total: v['Total Delayed Transfers of Care'] as Days,
      nhs: (org?.values.NHS as Days) ?? null,
      socialCare: (org?.values['Social Care'] as Days) ?? null,
      both: (org?.values.Both as Days) ?? null,
      ...(org ? { orgLine: org.line } : {}),
    });
  }
  for (const [key, org] of orgIndex) {
    if (reasons.headerFailed || reasons.broken.has(key)) continue;
    problems.push(
      problem(
        orgs.file,
        { line: org.line, field: 'Name' },
        msg.reasonRowMissing(
          org.values.Name as string,
          org.values.Period_year as Month,
          reasons.file,
        ),
      ),
    );
  }
  return months;
}

/** Group months into areas by name (the stable key), checking each name has one old and one new code. */
export function groupAreas(
  months: LocatedMonth[],
  file: string,
  problems: Problem[],
): Map<string, Area & { months: LocatedMonth[] }> {
  const areas = new Map<string, Area & { months: LocatedMonth[] }>();
  const codeOwner = new Map<string, { name: string; line: number }>();
  for (const m of [...months].sort((a, b) => a.line - b.line)) {
    let area = areas.get(m.name);
    if (!area) {
      area = { name: m.name, slug: slugify(m.name), codes: {}, months: [] };
      areas.set(m.name, area);
    }
    area.months.push(m);
    if (m.code === '-') continue;
    const owner = codeOwner.get(m.code);
    if (owner && owner.name !== m.name) {
      problems.push(
        problem(
          file,
          { line: m.line, field: 'Code' },
          msg.codeSharedByAreas(m.code, m.name, owner.name, owner.line),
        ),
      );
      continue;
    }
    codeOwner.set(m.code, { name: m.name, line: m.line });
    const slot = GSS.test(m.code) ? 'current' : 'old';
    const existing = area.codes[slot];
    if (existing && existing !== m.code) {
      problems.push(
        problem(
          file,
          { line: m.line, field: 'Code' },
          msg.areaHasTwoCodes(m.name, existing, m.code),
        ),
      );
    }
    area.codes[slot] ??= m.code;
  }
  for (const area of areas.values()) area.months.sort((a, b) => (a.month < b.month ? -1 : 1));
  return areas;
}
