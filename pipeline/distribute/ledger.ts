/**
 * state/sent-ledger.jsonl: one JSON line per message the mail server accepted, appended and
 * fsynced before the next message is sent, never rewritten. A run reads it to send only what is
 * missing. A crash can leave a last line cut short: that line is ignored (its message was not
 * recorded, so it is sent again) and cut off before the next append. Any other unreadable line is
 * a located error: dropping it would send someone the same briefing twice.
 */
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PipelineError, type Problem } from '../errors.ts';
import { tryLock } from '../output/lock.ts';
import * as msg from '../messages/index.ts';
import { problem } from '../validate/problems.ts';
import type { LedgerEntry } from './types.ts';

export const LEDGER_FILE = 'sent-ledger.jsonl';

const entrySchema = z.strictObject({
  recipient: z.email(),
  report: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  messageId: z.string().regex(/^<[^<>\s]+@[^<>\s]+>$/),
  time: z.iso.datetime(),
});

export interface LedgerState {
  entries: LedgerEntry[];
  /** Bytes that hold whole lines; anything after is a torn line, cut off before appending. */
  validLength: number;
  /** The last entry is complete but its newline was not written: add it before appending. */
  needsNewline: boolean;
  /** Line number of a torn last line that was ignored. */
  tornLine?: number;
}

function parseLine(bytes: Uint8Array): { entry?: LedgerEntry; reason?: string } {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { reason: (error as Error).message };
  }
  const parsed = entrySchema.safeParse(value);
  if (parsed.success) return { entry: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { reason: `${issue.path.join('.') || 'the line'}: ${issue.message}` };
}

/** Read the ledger's lines; `file` is the path shown in messages. Pure. */
export function parseLedger(bytes: Uint8Array, file: string, problems: Problem[]): LedgerState {
  const state: LedgerState = { entries: [], validLength: bytes.length, needsNewline: false };
  let start = 0;
  for (let line = 1; start < bytes.length; line++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    const text = bytes.subarray(start, end);
    const { entry, reason } = text.length ? parseLine(text) : {};
    if (entry) state.entries.push(entry);
    if (nl < 0) {
      // The last line has no newline: a write that a crash cut short, or complete but for it.
      if (entry) state.needsNewline = true;
      else {
        state.validLength = start;
        state.tornLine = line;
      }
    } else if (reason)
      problems.push(problem(file, { line }, msg.ledgerCorrupt(reason.replace(/\s+/g, ' '))));
    start = end + 1;
  }
  return state;
}

export async function readLedger(
  path: string,
  file: string,
  problems: Problem[],
): Promise<LedgerState> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return new Uint8Array();
    throw error;
  });
  return parseLedger(new Uint8Array(bytes), file, problems);
}

/** Appends entries durably: each line is written whole and fsynced before append() resolves. */
export class LedgerWriter {
  private constructor(private readonly handle: FileHandle) {}

  static async open(path: string, state: LedgerState): Promise<LedgerWriter> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a');
    const { size } = await handle.stat();
    if (size > state.validLength) await handle.truncate(state.validLength);
    if (state.needsNewline) await handle.write('\n');
    await handle.sync();
    // Make the file's directory entry durable too, or a new ledger could vanish in a crash.
    const dir = await open(dirname(path), 'r');
    await dir.sync().finally(() => dir.close());
    return new LedgerWriter(handle);
  }

  async append(entry: LedgerEntry): Promise<void> {
    await this.handle.write(`${JSON.stringify(entry)}\n`);
    await this.handle.sync();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/**
 * Hold `<state>.lock` (beside the folder, as `out.lock` is beside `out`) while sending: two runs
 * at once could send the same message. It is kept out of the folder so that a copy of the state
 * (a CI artifact saved after a cancelled run) never carries a lock to another machine.
 */
export async function lockState(state: string): Promise<() => Promise<void>> {
  await mkdir(state, { recursive: true });
  const lock = `${state.replace(/[\\/]+$/, '')}.lock`;
  const release = await tryLock(lock);
  if (release) return release;
  const def = msg.distributeLocked(lock);
  throw PipelineError.of(def, { file: state });
}
