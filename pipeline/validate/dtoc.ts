/**
 * Validate NHS England's delayed-transfers files and assemble them into one dataset keyed by
 * area name. Every problem is collected in `problems`.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { financialYears, type Month } from '../domain/periods.ts';
import type { DtocDataset, InputFile, ValidationReport } from '../types.ts';
import { readCsv } from './csv.ts';
import { groupAreas, joinMonths, type LocatedMonth } from './dtoc-assemble.ts';
import { findUnusualValues } from './dtoc-outliers.ts';
import { checkEngland, checkMonths, checkTotals } from './dtoc-rules.ts';
import { ORG_FILE, REASON_FILE, REASONS, type TableDecl } from './dtoc-schema.ts';
import { typeRows, type TypedTable } from './dtoc-rows.ts';
import { problem } from './problems.ts';

export interface DtocResult {
  dataset?: DtocDataset;
  rowsRead: Record<string, number>;
  rules: ValidationReport['rules'];
  notAvailable: ValidationReport['notAvailable'];
  /**
   * Keys (area and month, see rowKey) of rows left out for a bad cell: figures that need them are
   * not recomputed, since the cell's own problem already explains why.
   */
  dropped?: ReadonlySet<string>;
}

const ENGLAND = 'England';

function readTable(
  file: InputFile | undefined,
  path: string,
  decl: TableDecl,
  problems: Problem[],
): TypedTable | undefined {
  if (!file) {
    problems.push(problem(path, {}, msg.fileMissing(path)));
    return undefined;
  }
  const table = readCsv(file, problems);
  return table ? typeRows(table, decl, problems) : undefined;
}

export function validateDtoc(
  files: Map<string, InputFile>,
  dataDir: string,
  problems: Problem[],
): DtocResult {
  const reasonPath = `${dataDir}/${REASON_FILE.path}`;
  const orgPath = `${dataDir}/${ORG_FILE.path}`;
  const reasons = readTable(files.get(reasonPath), reasonPath, REASON_FILE, problems);
  const orgs = readTable(files.get(orgPath), orgPath, ORG_FILE, problems);
  const result: DtocResult = {
    rowsRead: { [reasonPath]: reasons?.rowsRead ?? 0, [orgPath]: orgs?.rowsRead ?? 0 },
    rules: [],
    notAvailable: [...(reasons?.notAvailable ?? []), ...(orgs?.notAvailable ?? [])],
  };
  if (!reasons || !orgs) return result;

  const months = joinMonths(reasons, orgs, problems);
  // The rules below read the reasons file; with its header failed there is nothing to check.
  if (reasons.headerFailed) return result;
  result.rules.push(...checkTotals(months, { reasons: reasonPath, orgs: orgPath }, problems));
  const grouped = groupAreas(months, reasonPath, problems);
  const england = grouped.get(ENGLAND);
  grouped.delete(ENGLAND);
  const areas = [...grouped.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  // Rows left out for a bad cell count as present, so one mistake is reported once.
  const broken = new Set([...reasons.broken, ...orgs.broken]);
  result.rules.push(
    checkMonths(england ? [england, ...areas] : areas, reasonPath, problems, broken),
  );
  if (!england) {
    problems.push(problem(reasonPath, { field: 'Name' }, msg.englandMissing()));
    return result;
  }
  result.rules.push(checkEngland(england, areas, reasonPath, problems, broken));
  const checked = findUnusualValues(areas, reasonPath, problems);
  result.rules.push({
    id: 'values-within-history',
    description: "Monthly totals are not far outside the area's own history (warning)",
    checked,
  });

  // Figures are not recomputed from a dataset missing a whole file.
  if (orgs.headerFailed) return result;
  result.dropped = broken;
  const allMonths = [...new Set(months.map((m) => m.month))].sort() as Month[];
  result.dataset = {
    reasons: REASONS,
    months: allMonths,
    years: financialYears(allMonths),
    england: strip(england),
    areas: areas.map(strip),
  };
  return result;
}

/** Drop the source-line bookkeeping once rules have run. */
function strip<T extends { months: LocatedMonth[] }>(area: T): T {
  return {
    ...area,
    months: area.months.map(({ name: _n, line: _l, orgLine: _o, ...m }) => m as LocatedMonth),
  };
}
