/** What a distribution run prints at the end: who would get or got what, and what to do next. */
import { formatDate } from '../domain/format.ts';
import { formatProblem } from '../errors.ts';
import { problemsMarkdown } from '../step-summary.ts';
import type { DistributeOptions } from './args.ts';
import type { DistributeResult } from './run.ts';
import type { DistributionPlan, Stakeholder } from './types.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

const line = (s: Stakeholder): string =>
  `${s.report.label} → ${s.name} <${s.email}>, ${s.organisation}`;

type Planned = Extract<DistributeResult, { plan: unknown }>;

const nothingToSend = (plan: DistributionPlan): string =>
  plan.upToDate.length
    ? 'Nothing to send: every recipient already has this build, or a briefing that has not changed since they received it.'
    : 'Nothing to send: every recipient already has this build.';

function buildLine(result: Exclude<DistributeResult, { kind: 'checked' }>, o: DistributeOptions) {
  const { manifest, manifestSha256 } = result.build;
  const only =
    o.only === 'all'
      ? ''
      : `\nOnly the recipients of the ${o.only === 'national' ? 'national briefing' : 'area briefings'} (--only ${o.only}).`;
  return `Build: ${manifest.briefing} of ${formatDate(manifest.date)}; ${o.out}/manifest.json sha256 ${manifestSha256}${only}`;
}

function delivered(result: Planned, o: DistributeOptions) {
  const done = result.plan.delivered;
  if (!done.length) return [];
  return [
    '',
    `Already delivered (${o.state}/sent-ledger.jsonl), not sent again: ${done.length}`,
    ...done.map(({ delivery, entry }) => `  ${line(delivery.stakeholder)} (${entry.time})`),
  ];
}

/** Recipients whose report is unchanged since the briefing they last received. */
function upToDate(result: Planned) {
  const current = result.plan.upToDate;
  if (!current.length) return [];
  return [
    '',
    `Up to date, not sent again (their briefing has not changed since they last received it): ${current.length}`,
    ...current.map(({ stakeholder, entry }) => `  ${line(stakeholder)} (last sent ${entry.time})`),
  ];
}

/** What was not sent, and why: up to date, or delivered already. */
const notSent = (result: Planned, o: DistributeOptions) => [
  ...upToDate(result),
  ...delivered(result, o),
];

function dryRun(result: Extract<DistributeResult, { kind: 'dry-run' }>, o: DistributeOptions) {
  const { toSend } = result.plan;
  const lines = ['Dry run: nothing was sent.', buildLine(result, o), ''];
  if (!toSend.length) return [...lines, nothingToSend(result.plan), ...notSent(result, o)];
  lines.push(
    `${plural(toSend.length, 'message')} would be sent, each written to ${o.out}/outbox/:`,
  );
  toSend.forEach((d, i) =>
    lines.push(`  ${line(d.stakeholder)}\n      ${o.out}/outbox/${result.outbox[i]}`),
  );
  lines.push(...notSent(result, o), '');
  if (o.fromPlaceholder)
    lines.push(
      `MAIL_FROM is not set: the messages come from "${o.from.name} <${o.from.address}>" for now.`,
    );
  lines.push(
    `Read the messages in ${o.out}/outbox/; to send exactly this build, run:`,
    `  npm run distribute -- --send --approve ${result.build.manifestSha256}`,
    'with SMTP_URL and MAIL_FROM set in the environment.',
  );
  return lines;
}

function sent(result: Extract<DistributeResult, { kind: 'sent' }>, o: DistributeOptions) {
  const { sent: ok, failed, notAttempted } = result.result;
  const total = result.plan.toSend.length;
  const lines = [
    total ? `Sent ${ok.length} of ${plural(total, 'message')}.` : nothingToSend(result.plan),
    buildLine(result, o),
    ...notSent(result, o),
  ];
  if (failed.length) {
    lines.push('', `Not delivered (${failed.length}):`);
    for (const f of failed) lines.push(formatProblem(f.problem));
  }
  if (notAttempted.length) {
    lines.push('', `Not attempted, because the run stopped (${notAttempted.length}):`);
    for (const d of notAttempted) lines.push(`  ${line(d.stakeholder)}`);
  }
  if (failed.length || notAttempted.length)
    lines.push('', 'Run the same command again to send what is missing; nothing is sent twice.');
  if (result.saved)
    lines.push(
      '',
      `Everyone has this build: its figures are kept in ${o.state}/last-sent.json, and the next change report compares with them.`,
    );
  return lines;
}

export function summarise(result: DistributeResult, o: DistributeOptions): string[] {
  switch (result.kind) {
    case 'checked':
      return [
        `Checked ${plural(result.recipients, 'recipient')} and the ledger (${plural(result.delivered, 'message')} delivered so far); nothing was sent.`,
      ];
    case 'unchanged':
      return [
        `Nothing to send: ${o.out}/changes.json says no figure changed since the last distributed build.`,
        buildLine(result, o),
        ...notSent(result, o),
      ];
    case 'dry-run':
      return dryRun(result, o);
    case 'sent':
      return sent(result, o);
  }
}

/** The CI job summary ($GITHUB_STEP_SUMMARY): the outcome, and each undelivered message located. */
export function jobSummary(result: DistributeResult, o: DistributeOptions): string {
  const [outcome = ''] = summarise(result, o);
  if (result.kind !== 'sent' || !result.result.failed.length) return `### ✅ ${outcome}`;
  const { failed, notAttempted } = result.result;
  const title = `❌ ${outcome} Not delivered: ${failed.length}`;
  const problems = failed.map((f) => f.problem);
  return [
    problemsMarkdown(title, problems),
    ...(notAttempted.length
      ? [`Not attempted, because the run stopped: ${plural(notAttempted.length, 'message')}.`]
      : []),
    'Run the same command again to send what is missing; nothing is sent twice.',
  ].join('\n');
}
