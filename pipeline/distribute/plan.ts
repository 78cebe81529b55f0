/**
 * Which messages to send: each recipient's report as the build listed it (path and sha256 from the
 * manifest), less what the ledger shows was delivered. Pure. The same content is never sent to
 * the same person twice: a ledger entry for this address and this PDF's sha256 means "done",
 * whichever build or run sent it.
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

export function planDistribution(
  stakeholders: readonly Stakeholder[],
  manifest: Manifest,
  ledger: readonly LedgerEntry[],
  stakeholdersFile: string,
  problems: Problem[],
): DistributionPlan {
  const outputs = new Map(manifest.outputs.map((o) => [o.path, o]));
  const sent = new Map(ledger.map((e) => [deliveryKey(e.recipient, e.sha256), e]));
  const plan: DistributionPlan = { toSend: [], delivered: [] };
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
    if (entry) plan.delivered.push({ delivery, entry });
    else plan.toSend.push(delivery);
  }
  return plan;
}
