/**
 * The sending loop: one message at a time, in the order of the recipients file. A message is
 * written to the ledger only after the server accepted it, and the line is on disk before the
 * next message goes, so a run killed at any moment has recorded everything that was delivered.
 * A rejected message is reported against its recipient's line and the loop moves on; a server
 * that cannot be used or reached stops it, and the rest are reported as not attempted.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { problem } from '../validate/problems.ts';
import { LedgerWriter, type LedgerState } from './ledger.ts';
import { createSmtpTransport, sendWithRetry, type RetryPolicy, type SendHooks } from './send.ts';
import type { Delivery, LedgerEntry, OutgoingMessage } from './types.ts';
import type { Transporter } from 'nodemailer';

export interface DeliveryResult {
  sent: { delivery: Delivery; entry: LedgerEntry }[];
  failed: { delivery: Delivery; problem: Problem }[];
  /** Left when the run stopped early: the server could not be used or reached. */
  notAttempted: Delivery[];
}

export interface DeliverDeps extends SendHooks {
  transport: Transporter;
  ledger: LedgerWriter;
  policy: RetryPolicy;
  now: () => Date;
  log: (line: string) => void;
  /** The recipients file, where failures are located. */
  stakeholdersFile: string;
}

const who = (d: Delivery): string =>
  `${d.stakeholder.report.label} → ${d.stakeholder.name} <${d.stakeholder.email}>`;

export async function deliverAll(
  messages: readonly { delivery: Delivery; message: OutgoingMessage }[],
  deps: DeliverDeps,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: [], failed: [], notAttempted: [] };
  for (const [i, { delivery, message }] of messages.entries()) {
    const outcome = await sendWithRetry(deps.transport, message, deps.policy, deps);
    const { stakeholder } = delivery;
    if (outcome.ok) {
      const entry: LedgerEntry = {
        recipient: stakeholder.email,
        report: stakeholder.report.id,
        sha256: delivery.pdf.sha256,
        messageId: message.messageId,
        time: deps.now().toISOString(),
      };
      await deps.ledger.append(entry);
      result.sent.push({ delivery, entry });
      deps.log(`  sent    ${who(delivery)}`);
      continue;
    }
    const def =
      outcome.failure === 'setup'
        ? msg.smtpSetup(outcome.response)
        : outcome.failure === 'permanent'
          ? msg.deliveryRejected(stakeholder.email, outcome.response)
          : msg.deliveryUnreachable(stakeholder.email, outcome.attempts, outcome.response);
    // A server that cannot be used is the configuration's fault, not this recipient's.
    const located =
      outcome.failure === 'setup'
        ? problem('environment', { field: 'SMTP_URL' }, def)
        : problem(deps.stakeholdersFile, { line: stakeholder.line, field: 'email' }, def);
    result.failed.push({ delivery, problem: located });
    deps.log(`  failed  ${who(delivery)}: ${def.code}`);
    // The server could not be used, or never answered despite the retries: the rest would fare
    // the same, so stop rather than wait through every retry for every recipient.
    if (outcome.failure === 'setup' || (outcome.failure === 'transient' && outcome.connection)) {
      result.notAttempted = messages.slice(i + 1).map((m) => m.delivery);
      break;
    }
  }
  return result;
}

export interface SmtpRun {
  smtpUrl: string;
  policy: RetryPolicy;
  /** The ledger as read (under the lock) before planning, and where it is. */
  ledger: { path: string; state: LedgerState };
  stakeholdersFile: string;
}

/** Send through SMTP_URL, appending to the ledger as messages are accepted. */
export async function sendThroughSmtp(
  messages: readonly { delivery: Delivery; message: OutgoingMessage }[],
  run: SmtpRun,
  hooks: Omit<DeliverDeps, 'transport' | 'ledger' | 'policy' | 'stakeholdersFile' | 'onRetry'>,
): Promise<DeliveryResult> {
  const ledger = await LedgerWriter.open(run.ledger.path, run.ledger.state);
  const transport = createSmtpTransport(run.smtpUrl);
  try {
    return await deliverAll(messages, {
      ...hooks,
      transport,
      ledger,
      policy: run.policy,
      stakeholdersFile: run.stakeholdersFile,
      onRetry: (attempt, delay, response) =>
        hooks.log(`  retry   in ${delay / 1000} s (attempt ${attempt} failed: ${response})`),
    });
  } finally {
    transport.close();
    await ledger.close();
  }
}
