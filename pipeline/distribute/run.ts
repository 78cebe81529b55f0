/**
 * Distribution, in order:
 *   1. build      out/manifest.json (its sha256 is what is approved), out/changes.{md,json}
 *   2. approve    with --send, the approved hash must be this build's
 *   3. inputs     data validated as the build does; recipients; email templates
 *   4. plan       recipients + manifest + ledger + unchanged reports → what is still to send
 *                 (under a lock with --send); nothing to send and nothing changed: 'unchanged'
 *   5. compose    each message, its PDF checked against the manifest's sha256
 *   6. deliver    dry run: .eml files in out/outbox/; --send: SMTP, one ledger line per delivery
 *   7. remember   once everyone has the build, its figures become state/last-sent.json
 * With --check, only 3 and the ledger: the inputs are checked before there is a build.
 */
import { join } from 'node:path';
import { PipelineError, ValidationFailed, type Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { DistributeOptions } from './args.ts';
import { readBuild, readPdfs } from './build-output.ts';
import { sendThroughSmtp, type DeliveryResult } from './deliver.ts';
import { saveLastSent } from './last-sent.ts';
import { LEDGER_FILE, lockState, readLedger } from './ledger.ts';
import { loadProject, type ProjectInputs } from './load.ts';
import { composeMessage, type MessageContext } from './message.ts';
import { OUTBOX_DIR, writeOutbox } from './outbox.ts';
import { planDistribution } from './plan.ts';
import type { BuildSnapshot, DistributionPlan, LedgerEntry, Stakeholder } from './types.ts';

export type DistributeResult =
  | { kind: 'checked'; recipients: number; delivered: number }
  /** Nothing changed since the last distributed build, and every recipient has their report. */
  | { kind: 'unchanged'; build: BuildSnapshot; plan: DistributionPlan }
  | { kind: 'dry-run'; build: BuildSnapshot; plan: DistributionPlan; outbox: string[] }
  | {
      kind: 'sent';
      build: BuildSnapshot;
      plan: DistributionPlan;
      result: DeliveryResult;
      /** state/last-sent.json now holds this build's figures. */
      saved: boolean;
    };

export interface RunHooks {
  log: (line: string) => void;
  redact: (text: string) => string;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/** The recipients --only keeps: everyone, those of the national briefing, or those of an area's. */
const inScope = (o: DistributeOptions, s: Stakeholder): boolean =>
  o.only === 'all' || (o.only === 'national') === (s.report.kind === 'national');

async function readLedgerOf(state: string) {
  const problems: Problem[] = [];
  const path = join(state, LEDGER_FILE);
  const ledger = await readLedger(path, `${state}/${LEDGER_FILE}`, problems);
  if (problems.length) throw new ValidationFailed(problems);
  return { path, state: ledger };
}

/** 4. The plan for the recipients in scope; a report the build did not make stops the run. */
function planFor(
  o: DistributeOptions,
  build: BuildSnapshot,
  project: ProjectInputs,
  ledger: readonly LedgerEntry[],
): DistributionPlan {
  const problems: Problem[] = [];
  const stakeholders = project.stakeholders.filter((s) => inScope(o, s));
  const { manifest, changes } = build;
  const file = project.stakeholdersFile;
  const plan = planDistribution(stakeholders, manifest, ledger, file, problems, changes.unchanged);
  if (problems.length) throw new ValidationFailed(problems);
  return plan;
}

/** 5. Every message still to send, each with its PDF checked against the manifest. */
async function compose(
  o: DistributeOptions,
  build: BuildSnapshot,
  project: ProjectInputs,
  plan: DistributionPlan,
) {
  const pdfs = await readPdfs(build, o.out, plan.toSend);
  const { meta } = project.valid.briefing;
  const { manifest, manifestSha256 } = build;
  const context: MessageContext = {
    from: o.from,
    build: { sha256: manifestSha256, briefing: manifest.briefing, date: manifest.date },
    national: { title: meta.title, subtitle: meta.subtitle },
    changes: build.changes,
    templates: project.templates,
  };
  return plan.toSend.map((delivery) => ({
    delivery,
    message: composeMessage(delivery, pdfs.get(delivery.pdf.path)!, context),
  }));
}

export async function distribute(o: DistributeOptions, hooks: RunHooks): Promise<DistributeResult> {
  if (o.check) {
    const project = await loadProject(o.data, o.templates);
    const ledger = await readLedgerOf(o.state);
    const recipients = project.stakeholders.length;
    return { kind: 'checked', recipients, delivered: ledger.state.entries.length };
  }
  // 1-2. The build and its approval.
  const build = await readBuild(o.out);
  if (o.send && o.approve !== build.manifestSha256) {
    const def = msg.notApproved(o.approve ?? '', build.manifestSha256);
    const at = { file: 'command line', field: '--approve' };
    throw PipelineError.of(def, at);
  }
  // 3. The data, the recipients and the templates.
  const project = await loadProject(o.data, o.templates);
  // 4. What is still to send; with --send, under the lock and with the ledger read inside it.
  const release = o.send ? await lockState(o.state) : undefined;
  try {
    const ledger = await readLedgerOf(o.state);
    const plan = planFor(o, build, project, ledger.state.entries);
    // Unchanged reports are not sent again, but a new recipient still gets theirs: only with
    // nothing to send at all is the build 'unchanged' (and the outbox left as it was).
    if (!plan.toSend.length && build.changes.changed === false)
      return { kind: 'unchanged', build, plan };
    // 5. The messages.
    const messages = await compose(o, build, project, plan);
    // 6. Deliver: a dry run writes them to out/outbox/; --send sends them.
    if (!o.send) {
      const outbox = await writeOutbox(join(build.dir, OUTBOX_DIR), messages);
      return { kind: 'dry-run', build, plan, outbox };
    }
    const { stakeholdersFile } = project;
    const smtp = { smtpUrl: o.smtpUrl!, policy: o.retry, ledger, stakeholdersFile };
    const result = await sendThroughSmtp(messages, smtp, hooks);
    // 7. Everyone has this build: its figures are what the next change report compares with.
    //    Not after --only: the other recipients still have the previous build.
    const complete = o.only === 'all' && !result.failed.length && !result.notAttempted.length;
    const saved = complete && (await saveLastSent(build.dir, o.state));
    return { kind: 'sent', build, plan, result, saved };
  } finally {
    await release?.();
  }
}
