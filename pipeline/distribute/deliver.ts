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
import type { LedgerWriter } from './ledger.ts';
import { sendWithRetry, type RetryPolicy, type SendHooks } from './send.ts';
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
    const at = { line: stakeholder.line, field: 'email' };
    result.failed.push({ delivery, problem: problem(deps.stakeholdersFile, at, def) });
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
