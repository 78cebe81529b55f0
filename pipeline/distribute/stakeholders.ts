/**
 * data/stakeholders.csv: who gets which briefing. Validated like every other input: each problem
 * is located at its line and column name, collected, never thrown. A report is "national" or an
 * area's name, code or slug, resolved against the validated delayed-transfers data.
 */
import { z } from 'zod';
import { findArea } from '../domain/dtoc-stats.ts';
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { DtocDataset, InputFile } from '../types.ts';
import { readCsv, type CsvTable } from '../validate/csv.ts';
import { problem, type MessageDef } from '../validate/problems.ts';
import type { ReportRef, Stakeholder } from './types.ts';

export const STAKEHOLDERS_PATH = 'stakeholders.csv';
export const STAKEHOLDER_COLUMNS = ['name', 'email', 'organisation', 'report'] as const;
type Column = (typeof STAKEHOLDER_COLUMNS)[number];

export const NATIONAL_REPORT: ReportRef = {
  kind: 'national',
  id: 'national',
  label: 'national briefing',
};

// Each zod message is one of our codes, so an issue maps straight to a catalogue message.
const NO_CONTROL = /^[^\p{Cc}]*$/u;
const text = z
  .string()
  .trim()
  .min(1, 'STAKEHOLDER_FIELD_EMPTY')
  .regex(NO_CONTROL, 'STAKEHOLDER_FIELD_INVALID');
const rowSchema = z.object({
  name: text,
  email: text.pipe(z.email('STAKEHOLDER_EMAIL_INVALID')),
  organisation: text,
  report: text,
});

function issueMessage(code: string, field: Column, raw: string): MessageDef {
  if (code === 'STAKEHOLDER_FIELD_EMPTY') return msg.stakeholderFieldEmpty(field);
  if (code === 'STAKEHOLDER_FIELD_INVALID') return msg.stakeholderFieldInvalid(field, raw);
  return msg.stakeholderEmailInvalid(raw);
}

/** The header names exactly the four columns, in any order, each once. */
function checkHeader(table: CsvTable, problems: Problem[]): boolean {
  const declared = [...STAKEHOLDER_COLUMNS];
  const before = problems.length;
  for (const name of declared)
    if (!table.header.includes(name))
      problems.push(
        problem(table.file, { line: 1, field: name }, msg.columnMissing(name, declared)),
      );
  table.header.forEach((name, i) => {
    const where = { line: 1, column: i + 1, field: name };
    if (table.header.indexOf(name) !== i)
      problems.push(problem(table.file, where, msg.columnDuplicate(name)));
    else if (!(declared as string[]).includes(name))
      problems.push(problem(table.file, where, msg.columnUnknown(name, declared)));
  });
  return problems.length === before;
}

/** "national", or an area of the data by name, code or slug (England is the national briefing). */
export function resolveReport(value: string, dtoc: DtocDataset): ReportRef | undefined {
  if (value.toLowerCase() === 'national') return NATIONAL_REPORT;
  const area = value.toLowerCase() === 'england' ? undefined : findArea(dtoc, value);
  return area ? { kind: 'area', id: area.slug, label: area.name } : undefined;
}

/** Area names close to a mistyped one: containing it, or sharing its first four letters. */
function closeNames(value: string, dtoc: DtocDataset): string[] {
  const w = value.toLowerCase();
  const names = dtoc.areas.map((a) => a.name);
  return names
    .filter((n) => n.toLowerCase().includes(w) || n.toLowerCase().startsWith(w.slice(0, 4)))
    .slice(0, 5);
}

/** One row → a stakeholder, or undefined with every problem of the row in `problems`. */
function checkRow(
  raw: Record<string, string>,
  line: number,
  path: string,
  dtoc: DtocDataset,
  problems: Problem[],
): Stakeholder | undefined {
  const parsed = rowSchema.safeParse(raw);
  const issues = parsed.success ? [] : parsed.error.issues;
  for (const issue of issues) {
    const field = String(issue.path[0]) as Column;
    problems.push(
      problem(path, { line, field }, issueMessage(issue.message, field, raw[field] ?? '')),
    );
  }
  // The report is looked up whenever it was given, so a row's every problem is reported at once.
  const wanted = raw.report?.trim() ?? '';
  const reportGiven = !issues.some((i) => i.path[0] === 'report');
  const report = reportGiven ? resolveReport(wanted, dtoc) : undefined;
  if (reportGiven && !report) {
    const def = msg.stakeholderReportUnknown(wanted, closeNames(wanted, dtoc));
    problems.push(problem(path, { line, field: 'report' }, def));
  }
  if (!parsed.success || !report) return undefined;
  const { name, email, organisation } = parsed.data;
  return { line, name, email, organisation, report };
}

export function validateStakeholders(
  file: InputFile | undefined,
  path: string,
  dtoc: DtocDataset,
  problems: Problem[],
): Stakeholder[] {
  if (!file) {
    problems.push(problem(path, {}, msg.stakeholdersMissing(path)));
    return [];
  }
  const table = readCsv(file, problems);
  if (!table || !checkHeader(table, problems)) return [];
  const stakeholders: Stakeholder[] = [];
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const raw = Object.fromEntries(table.header.map((h, i) => [h, row.cells[i] ?? '']));
    const stakeholder = checkRow(raw, row.line, path, dtoc, problems);
    if (!stakeholder) continue;
    // Same person, same report: the second row is the mistake.
    const key = `${stakeholder.email.toLowerCase()}\u0000${stakeholder.report.id}`;
    const first = firstLine.get(key);
    if (first !== undefined) {
      const def = msg.stakeholderDuplicate(stakeholder.email, stakeholder.report.label, first);
      problems.push(problem(path, { line: row.line, field: 'email' }, def));
      continue;
    }
    firstLine.set(key, row.line);
    stakeholders.push(stakeholder);
  }
  return stakeholders;
}
