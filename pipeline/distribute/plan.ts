/**
 * Which messages to send: each recipient's report as the build listed it (path and sha256 from the
 * manifest), less what the ledger shows was delivered. Pure. The same content is never sent to
 * the same person twice: a ledger entry for this address and this PDF's sha256 means "done",
 * whichever build or run sent it. Nor is a report the change report calls unchanged sent again to
 * someone the ledger shows had it from an earlier build (the PDF may differ; what it says does not);
 * a recipient who never had it still gets it.
 */
import { areaFiles } from '../briefings/area.ts';
import { NATIONAL } from '../briefings/national.ts';
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { Manifest } from '../output/manifest.ts';
import { problem } from '../validate/problems.ts';
import type { DistributionPlan, LedgerEntry, ReportRef, Stakeholder } from './types.ts';

/** The PDF of a report, as a path inside the build folder. */
export function reportPdf(report: ReportRef): string {
  return report.kind === 'national' ? NATIONAL.pdf : areaFiles(report.id).pdf;
}

/** The key under which a delivery is remembered: who, and exactly what content. */
export const deliveryKey = (email: string, sha256: string): string =>
  `${email.toLowerCase()}\u0000${sha256}`;

/** The key under which a report reaching someone is remembered, whatever its content. */
const reportKey = (email: string, report: string): string =>
  `${email.toLowerCase()}\u0000${report}`;

/**
 * `unchanged`: ids of the reports whose content is the same as in the last distributed build
 * (ChangeReport.unchanged).
 */
export function planDistribution(
  stakeholders: readonly Stakeholder[],
  manifest: Manifest,
  ledger: readonly LedgerEntry[],
  stakeholdersFile: string,
  problems: Problem[],
  unchanged: ReadonlySet<string> = new Set(),
): DistributionPlan {
  const outputs = new Map(manifest.outputs.map((o) => [o.path, o]));
  const sent = new Map(ledger.map((e) => [deliveryKey(e.recipient, e.sha256), e]));
  // The ledger is in the order of sending, so each pair keeps its latest delivery.
  const had = new Map(ledger.map((e) => [reportKey(e.recipient, e.report), e]));
  const plan: DistributionPlan = { toSend: [], delivered: [], upToDate: [] };
  for (const stakeholder of stakeholders) {
    const path = reportPdf(stakeholder.report);
    const pdf = outputs.get(path);
    if (!pdf) {
      const def = msg.reportNotBuilt(stakeholder.report.label, path);
      problems.push(problem(stakeholdersFile, { line: stakeholder.line, field: 'report' }, def));
      continue;
    }
    const delivery = { stakeholder, pdf: { path, bytes: pdf.bytes, sha256: pdf.sha256 } };
    const entry = sent.get(deliveryKey(stakeholder.email, pdf.sha256));
    const { id } = stakeholder.report;
    const earlier = unchanged.has(id) ? had.get(reportKey(stakeholder.email, id)) : undefined;
    if (entry) plan.delivered.push({ delivery, entry });
    else if (earlier) plan.upToDate.push({ stakeholder, report: id, entry: earlier });
    else plan.toSend.push(delivery);
  }
  return plan;
}
