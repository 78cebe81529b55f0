/**
 * Stage 4c: emit the validation report, as JSON for tools and as accessible HTML for people:
 * inputs with their checksums, rows read, rules applied, warnings, values not available, the
 * financial years in the data (partial ones labelled), figures recomputed from the data, and
 * where the sources disagree.
 */
import { formatDate, formatNumber } from '../domain/format.ts';
import { monthLabel } from '../domain/periods.ts';
import { formatLocation } from '../errors.ts';
import { renderPage, type PageTemplate } from '../html/page.ts';
import type { OutputFile, ValidDataset } from '../types.ts';

export const REPORT_FILES = {
  json: 'validation-report.json',
  html: 'validation-report.html',
} as const;

/** The financial years in the data: a partial one is never compared with a full one. */
function financialYears(valid: ValidDataset) {
  return valid.dtoc.years.map((y) => ({
    year: y.label,
    first: y.months[0]!,
    last: y.months.at(-1)!,
    months: y.months.length,
    partial: y.partial,
  }));
}

/** Everything the HTML report shows, formatted for reading. */
export function reportView(valid: ValidDataset, briefingHtml: string) {
  const { report, briefing } = valid;
  const label = (id: string) => briefing.claims.find((c) => c.id === id)?.label ?? id;
  const source = (id: string) =>
    briefing.sources.find((s) => s.id === id)?.publisher.split(' (')[0] ?? id;
  const warnings = report.warnings.length;
  return {
    meta: {
      title: `Validation report: ${briefing.meta.title}`,
      briefing: briefing.meta.title,
      lang: briefing.meta.lang,
      dateLabel: formatDate(briefing.meta.date),
      htmlFile: briefingHtml,
    },
    status: `Every input passed its checks${warnings ? `, with ${warnings} warning${warnings === 1 ? '' : 's'}` : ' with no warnings'}.`,
    counts: {
      files: formatNumber(report.inputs.length),
      rows: formatNumber(report.inputs.reduce((s, i) => s + (i.rows ?? 0), 0)),
      rules: formatNumber(report.rules.length),
      claims: formatNumber(briefing.claims.length),
    },
    warnings: report.warnings.map((w) => ({
      code: w.code,
      location: formatLocation(w.at),
      message: w.message,
      hint: w.hint ?? '',
    })),
    claimChecks: report.claimChecks.map((c) => ({
      claim: c.claim,
      label: label(c.claim),
      stated: formatNumber(c.stated),
      computed: formatNumber(c.computed),
      tolerance: formatNumber(c.tolerance),
      result: c.ok ? 'Agrees' : 'Does not agree',
    })),
    computed: briefing.claims
      .filter((c) => c.computed)
      .map((c) => ({
        claim: c.id,
        label: c.label,
        value: formatNumber(c.computed!.value, Number.isInteger(c.computed!.value) ? 0 : 1),
        rule: c.computed!.rule,
      })),
    discrepancies: briefing.discrepancies.map((d) => ({
      ...d,
      subject: d.subject,
      versions: d.versions.map((v) => ({ ...v, source: source(v.source) })),
      computed: d.computed === undefined ? '' : formatNumber(d.computed),
    })),
    rules: report.rules.map((r) => ({ ...r, checked: formatNumber(r.checked) })),
    notAvailable: report.notAvailable.map((n) => ({ ...n, count: formatNumber(n.count) })),
    years: financialYears(valid).map((y) => ({
      year: y.year,
      months: `${monthLabel(y.first)} to ${monthLabel(y.last)}`,
      status: y.partial ? `Partial (${y.months} of 12 months)` : 'Complete',
    })),
    inputs: report.inputs.map((i) => ({
      ...i,
      rows: i.rows === undefined ? '—' : formatNumber(i.rows),
    })),
  };
}

export function emitValidationReport(
  valid: ValidDataset,
  page: PageTemplate,
  briefingHtml: string,
): OutputFile[] {
  const json = {
    ...valid.report,
    financialYears: financialYears(valid),
    discrepancies: valid.briefing.discrepancies,
  };
  return [
    {
      path: REPORT_FILES.json,
      bytes: new TextEncoder().encode(`${JSON.stringify(json, null, 2)}\n`),
    },
    { path: REPORT_FILES.html, bytes: renderPage(page, reportView(valid, briefingHtml)) },
  ];
}
