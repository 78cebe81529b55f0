/** The ledger: whole lines only, a torn last line tolerated and cut off, corruption located. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../pipeline/errors.ts';
import { LedgerWriter, parseLedger, readLedger } from '../../pipeline/distribute/ledger.ts';
import type { LedgerEntry } from '../../pipeline/distribute/types.ts';

const FILE = 'state/sent-ledger.jsonl';

const entry = (n: number): LedgerEntry => ({
  recipient: `person${n}@example.org`,
  report: 'national',
  sha256: String(n).repeat(64).slice(0, 64),
  messageId: `<id${n}.briefing@example.org>`,
  time: '2026-11-23T09:00:00.000Z',
});
const line = (n: number): string => `${JSON.stringify(entry(n))}\n`;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function parse(text: string) {
  const problems: Problem[] = [];
  return { state: parseLedger(bytes(text), FILE, problems), problems };
}

describe('parseLedger', () => {
  it('reads one entry per line', () => {
    const { state, problems } = parse(line(1) + line(2));
    expect(problems).toEqual([]);
    expect(state.entries).toEqual([entry(1), entry(2)]);
    expect(state.tornLine).toBeUndefined();
  });

  it('ignores a last line cut short by a crash, and marks where whole lines end', () => {
    const text = line(1) + line(2).slice(0, 40);
    const { state, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(state.entries).toEqual([entry(1)]);
    expect(state).toMatchObject({ tornLine: 2, validLength: line(1).length, needsNewline: false });
  });

  it('keeps a complete last entry whose newline was not written', () => {
    const { state } = parse(line(1) + line(2).trimEnd());
    expect(state.entries).toEqual([entry(1), entry(2)]);
    expect(state.needsNewline).toBe(true);
  });

  it('DISTRIBUTE_LEDGER_CORRUPT: an unreadable line that is not the last, at its line', () => {
    const { problems } = parse(line(1) + line(2).slice(0, 40) + '\n' + line(3));
    expect(problems.map((p) => [p.code, p.at])).toEqual([
      ['DISTRIBUTE_LEDGER_CORRUPT', { file: FILE, line: 2 }],
    ]);
    const wrongShape = parse(line(1) + '{"recipient":"x@example.org"}\n');
    expect(wrongShape.problems.map((p) => [p.code, p.at.line])).toEqual([
      ['DISTRIBUTE_LEDGER_CORRUPT', 2],
    ]);
  });
});

describe('LedgerWriter', () => {
  it('cuts off a torn last line before appending, so the file stays whole lines', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'briefing-ledger-'));
    const path = join(dir, 'state', 'sent-ledger.jsonl');
    const problems: Problem[] = [];
    const fresh = await readLedger(path, FILE, problems);
    const writer = await LedgerWriter.open(path, fresh);
    await writer.append(entry(1));
    await writer.close();
    await writeFile(path, line(1) + line(2).slice(0, 30));

    const torn = await readLedger(path, FILE, problems);
    const again = await LedgerWriter.open(path, torn);
    await again.append(entry(3));
    await again.close();
    expect(await readFile(path, 'utf8')).toBe(line(1) + line(3));

    await writeFile(path, line(1).trimEnd());
    const unfinished = await readLedger(path, FILE, problems);
    const third = await LedgerWriter.open(path, unfinished);
    await third.append(entry(2));
    await third.close();
    expect(await readFile(path, 'utf8')).toBe(line(1) + line(2));
    expect(problems).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });
});
