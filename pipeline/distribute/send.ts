/**
 * Sending through SMTP with nodemailer. A transient failure (a 4xx reply, a dropped or refused
 * connection, a timeout) is retried with exponential back-off; a permanent one (5xx) is returned
 * at once for the caller to report; a failure to set up the session at all (authentication, TLS)
 * stops the run. Error text is redacted so the SMTP_URL's credentials are never printed.
 */
import nodemailer, {
  type NodemailerError,
  type SendMailOptions,
  type Transporter,
} from 'nodemailer';
import type { OutgoingMessage } from './types.ts';

/** Failures of the session itself: every other message would fail the same way. */
const SETUP_CODES = new Set(['EAUTH', 'ENOAUTH', 'ETLS', 'EREQUIRETLS', 'ECONFIG', 'EDNS']);
/** Failures of the connection, with no reply from the server to judge by. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT']);

export type Failure = 'transient' | 'permanent' | 'setup';

export function classify(error: NodemailerError): Failure {
  if (error.code && SETUP_CODES.has(error.code)) return 'setup';
  if (typeof error.responseCode === 'number')
    return error.responseCode >= 400 && error.responseCode < 500 ? 'transient' : 'permanent';
  return error.code && CONNECTION_CODES.has(error.code) ? 'transient' : 'permanent';
}

export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** Wait before the first retry; each later one waits twice as long. */
  baseDelayMs: number;
}

export type SendOutcome =
  | { ok: true; attempts: number; response: string }
  | {
      ok: false;
      failure: Failure;
      attempts: number;
      response: string;
      /** The server never replied (dropped, refused, timed out): it may be down for everyone. */
      connection: boolean;
    };

export interface SendHooks {
  sleep: (ms: number) => Promise<void>;
  redact: (text: string) => string;
  onRetry: (attempt: number, delayMs: number, response: string) => void;
}

export function createSmtpTransport(url: string): Transporter {
  return nodemailer.createTransport({
    url,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
    logger: false,
    debug: false,
  });
}

export function toMailOptions(m: OutgoingMessage): SendMailOptions {
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    messageId: m.messageId,
    html: m.html,
    text: m.text,
    headers: m.headers,
    attachments: m.attachments,
  };
}

/** The server's reply, or the error's message: one line, credentials removed. */
function describeError(error: NodemailerError, redact: (text: string) => string): string {
  const text = error.response || error.message || String(error);
  return redact(text.replace(/\s+/g, ' ').trim());
}

export async function sendWithRetry(
  transport: Transporter,
  message: OutgoingMessage,
  policy: RetryPolicy,
  hooks: SendHooks,
): Promise<SendOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const info = (await transport.sendMail(toMailOptions(message))) as { response?: string };
      return { ok: true, attempts: attempt, response: hooks.redact(String(info.response ?? '')) };
    } catch (caught) {
      const error = caught as NodemailerError;
      const failure = classify(error);
      const response = describeError(error, hooks.redact);
      if (failure !== 'transient' || attempt > policy.retries) {
        const connection = typeof error.responseCode !== 'number';
        return { ok: false, failure, attempts: attempt, response, connection };
      }
      const delay = policy.baseDelayMs * 2 ** (attempt - 1);
      hooks.onRetry(attempt, delay, response);
      await hooks.sleep(delay);
    }
  }
}
