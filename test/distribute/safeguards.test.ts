/**
 * What `npm run distribute` guards against, against a real SMTP server on localhost: a busy server
 * is retried with exponential back-off, a password quoted back by the server is never printed or
 * written, and a PDF that changed after its build was approved is not sent to anyone.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  distribute,
  distributionProject,
  ledgerOf,
  MAIL_FROM,
  manifestHash,
  newStateDir,
  RECIPIENTS,
  removeProjects,
  STAKEHOLDERS,
} from './project.ts';
import { TestSmtpServer } from './smtp-server.ts';

const { ada, ben } = RECIPIENTS;

let server: TestSmtpServer;
beforeEach(async () => {
  server = await TestSmtpServer.start();
});
afterEach(async () => {
  await server.close();
  await removeProjects();
});

const sendArgs = async (root: string, state: string): Promise<string[]> => [
  '--send',
  '--approve',
  await manifestHash(root),
  '--state',
  state,
];

/** Every file under `dir` as text ('' for none). */
async function textUnder(dir: string): Promise<string> {
  const names = await readdir(dir, { recursive: true }).catch(() => []);
  const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8').catch(() => '')));
  return texts.join('\n');
}

describe('npm run distribute: safeguards', () => {
  it('backs off: waits at least --retry-delay before the first retry, twice as long each time after', async () => {
    const root = await distributionProject(STAKEHOLDERS.replace(/^(Ben|Cleo) .*\n/gm, ''));
    const state = await newStateDir();
    const delay = 400;
    server.inject(ada.email, '421', 3);
    const args = [...(await sendArgs(root, state)), '--retry-delay', String(delay)];
    const result = await distribute(root, args, { SMTP_URL: server.url(), MAIL_FROM });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Sent 1 of 1 message.');
    for (const [i, seconds] of ['0.4', '0.8', '1.6'].entries())
      expect(result.stdout).toContain(`retry   in ${seconds} s (attempt ${i + 1} failed: 421`);
    // The server's own clock: when each of the four attempts reached it.
    const times = server.attemptTimes.get(ada.email) ?? [];
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Each gap is at least twice the least the one before could be: back-off, not a fixed delay.
    // (Only lower bounds: a busy machine can make any gap longer, never shorter.)
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(delay * 2 ** i);
    expect(server.countFor(ada.email)).toBe(1);
  });

  it('never prints or writes the SMTP password, even when the server’s refusal quotes it', async () => {
    // It must be escaped in a URL, so the password has two spellings to keep out.
    const password = 'Tr0ub4/dor:3';
    const authed = await TestSmtpServer.start({
      user: 'sender',
      pass: 'the-right-one',
      rejection: (tried) => `bad credentials for ${tried}`,
    });
    try {
      const root = await distributionProject();
      const state = await newStateDir();
      const summary = join(root, 'job-summary.md');
      const url = authed.url(`sender:${encodeURIComponent(password)}`);
      const env = { SMTP_URL: url, MAIL_FROM, GITHUB_STEP_SUMMARY: summary };
      const dryRun = await distribute(root, ['--state', state], env);
      expect(dryRun.code, dryRun.stderr).toBe(0);
      const result = await distribute(root, await sendArgs(root, state), env);
      expect(result.code).toBe(1);
      const markdown = await readFile(summary, 'utf8');
      const outbox = await textUnder(join(root, 'out', 'outbox'));
      expect(outbox).toContain('Ada Example');
      const everything = [dryRun.stdout, dryRun.stderr, result.stdout, result.stderr, markdown];
      everything.push(outbox, await textUnder(state));
      for (const secret of [password, encodeURIComponent(password), url])
        for (const text of everything) expect(text).not.toContain(secret);
      // The refusal is still reported, in the log and the job summary, with the password replaced.
      expect(result.stdout).toContain(
        'environment [SMTP_URL] DISTRIBUTE_SMTP_SETUP: the mail server cannot be used: 535 bad credentials for [redacted]',
      );
      expect(markdown).toMatch(
        /^\| `environment \[SMTP_URL\]` \| error \| `DISTRIBUTE_SMTP_SETUP` \| .*for \[redacted\] \|/m,
      );
      expect(await ledgerOf(state)).toEqual([]);
      expect(authed.received).toHaveLength(0);
    } finally {
      await authed.close();
    }
  });

  it('sends nothing when a PDF changed after its build was approved', async () => {
    const root = await distributionProject();
    const state = await newStateDir();
    const summary = join(state, 'job-summary.md');
    const env = { SMTP_URL: server.url(), MAIL_FROM, GITHUB_STEP_SUMMARY: summary };
    const dryRun = await distribute(root, ['--state', state], env);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    const args = await sendArgs(root, state);
    expect(dryRun.stdout).toContain(`npm run distribute -- ${args.slice(0, 3).join(' ')}`);
    // Barnet's PDF changes by one byte; out/manifest.json, and so the approval, stays the same.
    const pdf = join(root, 'out', ben.pdf);
    const bytes = await readFile(pdf);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    await writeFile(pdf, bytes);

    const result = await distribute(root, args, env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`out/${ben.pdf} DISTRIBUTE_OUTPUT_MISMATCH`);
    expect(result.stderr).toContain('Nothing was sent.');
    expect(await readFile(summary, 'utf8')).toMatch(
      /^\| `out\/areas\/barnet\.pdf` \| error \| `DISTRIBUTE_OUTPUT_MISMATCH` \|/m,
    );
    // Not even Ada, whose PDF is as approved and who comes first.
    expect(server.attempts.size).toBe(0);
    expect(server.received).toHaveLength(0);
    expect(await ledgerOf(state)).toEqual([]);
  });
});
