/** `npm run distribute` arguments and environment → options. Pure, so tests can call it. */
import { parseArgs } from 'node:util';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { PipelineError } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { RetryPolicy } from './send.ts';

export interface DistributeOptions {
  /** Check the inputs and the ledger only: no build is read, nothing is written or sent. */
  check: boolean;
  /** Whose briefings: everyone's, the national briefing's recipients, or the areas'. */
  only: 'all' | 'national' | 'areas';
  out: string;
  state: string;
  data: string;
  templates: string;
  send: boolean;
  /** The approved manifest sha256 (lower case); set whenever `send` is. */
  approve?: string;
  smtpUrl?: string;
  from: { name: string; address: string };
  /** MAIL_FROM is not set: the dry run uses a placeholder sender. */
  fromPlaceholder: boolean;
  retry: RetryPolicy;
}

export const PLACEHOLDER_FROM = { name: 'Briefings', address: 'briefings@example.org' };

function usageError(reason: string, field?: string, file = 'command line'): PipelineError {
  const def = msg.distributeUsage(reason);
  return PipelineError.of(def, { file, ...(field ? { field } : {}) });
}

function wholeNumber(value: string | undefined, flag: string, fallback: number, max: number) {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw usageError(`${flag} must be a whole number from 0 to ${max}, got "${value}"`, flag);
  return Number(value);
}

function parseFrom(value: string | undefined, required: boolean) {
  if (!value) {
    if (required) throw usageError('MAIL_FROM is not set', 'MAIL_FROM', 'environment');
    return undefined;
  }
  const list = addressparser(value);
  const first = list.length === 1 ? list[0] : undefined;
  const address = first && 'address' in first ? first.address : undefined;
  if (!first || !address || !z.email().safeParse(address).success)
    throw usageError(
      `MAIL_FROM must be one address such as "Briefings <briefings@example.org>", got "${value}"`,
      'MAIL_FROM',
      'environment',
    );
  return { name: first.name || '', address };
}

/** SMTP_URL is checked without ever being quoted back: it holds the password. */
function parseSmtpUrl(value: string | undefined): string {
  if (!value) throw usageError('SMTP_URL is not set', 'SMTP_URL', 'environment');
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:')
    throw usageError(
      'SMTP_URL must be an smtp:// or smtps:// URL (its value is not shown)',
      'SMTP_URL',
      'environment',
    );
  return value;
}

function parseOnly(value: string | undefined): DistributeOptions['only'] {
  if (value === undefined || value === 'all') return 'all';
  if (value !== 'national' && value !== 'areas')
    throw usageError(`--only must be "national", "areas" or "all", got "${value}"`, '--only');
  return value;
}

function checkApproval(send: boolean, approve: string | undefined): string | undefined {
  if (approve !== undefined && !send)
    throw usageError('--approve goes with --send; without --send nothing is sent', '--approve');
  if (!send) return undefined;
  if (approve === undefined)
    throw usageError(
      '--send needs --approve <sha256 of out/manifest.json>: run `npm run distribute` first, check out/outbox/, and copy the command it prints',
      '--send',
    );
  if (!/^[0-9a-fA-F]{64}$/.test(approve))
    throw usageError(`--approve must be a sha256 (64 hex digits), got "${approve}"`, '--approve');
  return approve.toLowerCase();
}

export function parseDistributeCli(argv: string[], env: NodeJS.ProcessEnv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        check: { type: 'boolean', default: false },
        only: { type: 'string' },
        send: { type: 'boolean', default: false },
        approve: { type: 'string' },
        retries: { type: 'string' },
        'retry-delay': { type: 'string' },
        out: { type: 'string', default: 'out' },
        state: { type: 'string', default: 'state' },
        data: { type: 'string', default: 'data' },
        templates: { type: 'string', default: 'templates' },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return { help: true, debug: v.debug } as const;
  if (v.check && v.send) throw usageError('--check sends nothing; leave out --send', '--check');
  const approve = checkApproval(v.send, v.approve);
  const from = parseFrom(env.MAIL_FROM, v.send);
  const options: DistributeOptions = {
    check: v.check,
    only: parseOnly(v.only),
    out: v.out,
    state: v.state,
    data: v.data,
    templates: v.templates,
    send: v.send,
    ...(approve ? { approve } : {}),
    ...(v.send ? { smtpUrl: parseSmtpUrl(env.SMTP_URL) } : {}),
    from: from ?? PLACEHOLDER_FROM,
    fromPlaceholder: !from,
    retry: {
      retries: wholeNumber(v.retries, '--retries', 4, 10),
      baseDelayMs: wholeNumber(v['retry-delay'], '--retry-delay', 2000, 600_000),
    },
  };
  return { help: false, debug: v.debug, options } as const;
}
