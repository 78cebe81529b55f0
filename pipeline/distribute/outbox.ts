/**
 * The dry run's outbox: each message as the SMTP server would receive it (RFC 5322, made by
 * nodemailer's stream transport), one .eml file per message, replacing the previous dry run's.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { slugify } from '../domain/slug.ts';
import { toMailOptions } from './send.ts';
import type { Delivery, OutgoingMessage } from './types.ts';

export const OUTBOX_DIR = 'outbox';

/** "01-barnet-amara-testwell-example-gov-uk.eml": in sending order, readable in a file list. */
export function emlName(index: number, delivery: Delivery): string {
  const n = String(index + 1).padStart(2, '0');
  return `${n}-${delivery.stakeholder.report.id}-${slugify(delivery.stakeholder.email)}.eml`;
}

/** Write every message into `dir` (emptied first); resolves to the file names. */
export async function writeOutbox(
  dir: string,
  messages: readonly { delivery: Delivery; message: OutgoingMessage }[],
): Promise<string[]> {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const names: string[] = [];
  for (const [i, { delivery, message }] of messages.entries()) {
    const info = await transport.sendMail(toMailOptions(message));
    const name = emlName(i, delivery);
    await writeFile(join(dir, name), info.message as Buffer);
    names.push(name);
  }
  return names;
}
