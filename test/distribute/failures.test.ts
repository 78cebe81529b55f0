/**
 * Distribution when things go wrong, against a real SMTP server on localhost: a 421 and a dropped
 * connection are retried, a 550 is reported against its recipient after the others were sent, and
 * a run killed mid-way and resumed delivers each message exactly once. The back-off, the SMTP
 * password and a PDF changed after approval are in safeguards.test.ts.
 */
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
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
  startDistribute,
} from './project.ts';
import { TestSmtpServer } from './smtp-server.ts';

const { ada, ben, cleo } = RECIPIENTS;

let server: TestSmtpServer;
beforeEach(async () => {
  server = await TestSmtpServer.start();
});
afterEach(async () => {
  await server.close();
  await removeProjects();
});

async function sendArgs(root: string, state: string): Promise<string[]> {
  return ['--send', '--approve', await manifestHash(root), '--state', state, '--retry-delay', '5'];
}

const counts = () => [ada, ben, cleo].map((r) => server.countFor(r.email));

describe('npm run distribute: failures', () => {
  it('retries a 421 and a dropped connection; reports a 550 after sending the others', async () => {
    const root = await distributionProject();
    const state = await newStateDir();
    await writeFile(join(root, 'out', 'figures.json'), '{}\n');
    server.inject(ada.email, '421', 2);
    server.inject(ben.email, '550', Infinity);
    server.inject(cleo.email, 'drop', 1);
    const env = { SMTP_URL: server.url(), MAIL_FROM };
    const first = await distribute(root, await sendArgs(root, state), env);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('Sent 2 of 3 messages.');
    expect(first.stdout).toContain(
      'data/stakeholders.csv:3 [email] DISTRIBUTE_REJECTED: the mail server refused the message to ben.example@example.gov.uk: 550',
    );
    expect(counts()).toEqual([1, 0, 1]);
    expect(server.attempts.get(ada.email)).toBe(3);
    expect((await ledgerOf(state)).map((e) => e.recipient)).toEqual([ada.email, cleo.email]);
    // Not everyone has the build yet: the last distributed build is still the previous one.
    await expect(readFile(join(state, 'last-sent.json'))).rejects.toThrow(/ENOENT/);

    // The address is fixed (a server that takes it): a re-run sends only what is missing.
    const fixed = await TestSmtpServer.start();
    try {
      const again = await distribute(root, await sendArgs(root, state), {
        SMTP_URL: fixed.url(),
        MAIL_FROM,
      });
      expect(again.code).toBe(0);
      expect(fixed.received.map((m) => m.to)).toEqual([[ben.email]]);
      expect(await readFile(join(state, 'last-sent.json'), 'utf8')).toBe('{}\n');
    } finally {
      await fixed.close();
    }
  });

  it('stops when the server cannot be reached, and says who was not attempted', async () => {
    const root = await distributionProject();
    const state = await newStateDir();
    server.inject(ada.email, 'drop', Infinity);
    const result = await distribute(root, [...(await sendArgs(root, state)), '--retries', '2'], {
      SMTP_URL: server.url(),
      MAIL_FROM,
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('data/stakeholders.csv:2 [email] DISTRIBUTE_UNREACHABLE');
    expect(result.stdout).toContain('Not attempted, because the run stopped (2)');
    expect(server.attempts.get(ada.email)).toBe(3);
    expect(counts()).toEqual([0, 0, 0]);
  });

  it('a run killed while a message is in flight, then resumed, delivers each exactly once', async () => {
    const root = await distributionProject();
    const state = await newStateDir();
    const env = { SMTP_URL: server.url(), MAIL_FROM };
    // The server takes Ben's message but never answers; the run is killed while it waits.
    server.inject(ben.email, 'hold');
    const held = server.nextHold();
    const child = startDistribute(root, await sendArgs(root, state), env);
    expect(await held).toBe(ben.email);
    process.kill(-child.pid!, 'SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
    expect(counts()).toEqual([1, 0, 0]);
    expect((await ledgerOf(state)).map((e) => e.recipient)).toEqual([ada.email]);

    const resumed = await distribute(root, await sendArgs(root, state), env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('Sent 2 of 2 messages.');
    expect(counts()).toEqual([1, 1, 1]);
    expect((await ledgerOf(state)).map((e) => e.recipient)).toEqual([
      ada.email,
      ben.email,
      cleo.email,
    ]);
  });
});
