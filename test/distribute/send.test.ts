/**
 * `npm run distribute` end to end, against a real SMTP server on localhost: the dry run, the
 * approval, what arrives (attachment bytes, headers, both bodies), the ledger, and the change
 * report, and what is not sent again after a rebuild that changed nothing. Failures, crashes and
 * secrets are in failures.test.ts.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { leaves, parseMime, type MimePart } from './mime.ts';
import {
  distribute,
  distributionProject,
  ledgerOf,
  MAIL_FROM,
  manifestHash,
  newStateDir,
  outputSha,
  rebuildUnchanged,
  RECIPIENTS,
  removeProjects,
  sha256,
  STAKEHOLDERS,
} from './project.ts';
import { TestSmtpServer } from './smtp-server.ts';

let server: TestSmtpServer;
beforeEach(async () => {
  server = await TestSmtpServer.start();
});
afterEach(async () => {
  await server.close();
  await removeProjects();
});

const smtpEnv = () => ({ SMTP_URL: server.url(), MAIL_FROM });

const sendArgs = async (root: string, state: string): Promise<string[]> => [
  '--send',
  '--approve',
  await manifestHash(root),
  '--state',
  state,
];

const part = (message: MimePart, type: string): MimePart | undefined =>
  leaves(message).find((p) => p.type === type);

describe('npm run distribute', () => {
  it('dry run: writes one .eml per message, prints the hash to approve, sends nothing', async () => {
    const root = await distributionProject();
    const result = await distribute(root, ['--state', await newStateDir()], smtpEnv());
    expect(result.code).toBe(0);
    const hash = await manifestHash(root);
    expect(result.stdout).toContain(`npm run distribute -- --send --approve ${hash}`);
    expect(result.stdout).toContain('Ben Example <ben.example@example.gov.uk>');
    expect(server.received).toHaveLength(0);
    const files = (await readdir(join(root, 'out', 'outbox'))).sort();
    expect(files).toEqual([
      '01-national-ada-example-example-org.eml',
      '02-barnet-ben-example-example-gov-uk.eml',
      '03-derby-cleo-example-example-gov-uk.eml',
    ]);
    const eml = parseMime(await readFile(join(root, 'out', 'outbox', files[1]!)));
    expect(eml.headers.get('to')).toBe('Ben Example <ben.example@example.gov.uk>');
    expect(eml.headers.get('from')).toBe(MAIL_FROM);
    const pdf = part(eml, 'application/pdf')!;
    expect(sha256(pdf.content)).toBe(await outputSha(root, RECIPIENTS.ben.pdf));

    // --only national: the outbox holds only the national briefing's messages.
    const national = await distribute(root, ['--only', 'national'], smtpEnv());
    expect(national.code).toBe(0);
    expect(await readdir(join(root, 'out', 'outbox'))).toEqual([
      '01-national-ada-example-example-org.eml',
    ]);
  });

  it('refuses --send without --approve (exit 2) and with another build’s hash (exit 1)', async () => {
    const root = await distributionProject();
    const state = await newStateDir();
    const missing = await distribute(root, ['--send', '--state', state], smtpEnv());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('command line [--send] USAGE');
    const other = await distribute(
      root,
      ['--send', '--approve', 'a'.repeat(64), '--state', state],
      smtpEnv(),
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('command line [--approve] DISTRIBUTE_NOT_APPROVED');
    expect(server.received).toHaveLength(0);
    expect(await ledgerOf(state)).toEqual([]);
  });

  it('delivers each PDF with its headers and both bodies, once: a second run sends nothing', async () => {
    const root = await distributionProject();
    const state = await newStateDir();
    const figures = '{"format": 1, "reports": []}\n';
    await writeFile(join(root, 'out', 'figures.json'), figures);
    const args = ['--send', '--approve', await manifestHash(root), '--state', state];
    const first = await distribute(root, args, smtpEnv());
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Sent 3 of 3 messages.');
    // Everyone has the build: its figures are what the next change report compares with.
    expect(await readFile(join(state, 'last-sent.json'), 'utf8')).toBe(figures);
    const ledger = await ledgerOf(state);
    expect(ledger.map((e) => e.recipient)).toEqual(Object.values(RECIPIENTS).map((r) => r.email));

    for (const [i, r] of Object.values(RECIPIENTS).entries()) {
      const received = server.received.filter((m) => m.to.includes(r.email));
      expect(received).toHaveLength(1);
      const message = parseMime(received[0]!.raw);
      expect(message.headers.get('from')).toBe(MAIL_FROM);
      expect(message.headers.get('to')).toContain(`<${r.email}>`);
      expect(message.headers.get('subject')).toMatch(/: briefing of 23 November 2026$/);
      expect(message.headers.get('message-id')).toBe(ledger[i]!.messageId);
      const pdf = part(message, 'application/pdf')!;
      expect(pdf.filename).toBe(`bcf-briefing-${r.report}-2026-11-23.pdf`);
      expect(sha256(pdf.content)).toBe(await outputSha(root, r.pdf));
      expect(part(message, 'text/plain')!.content.toString()).toContain('Dear ');
      const html = part(message, 'text/html')!.content.toString();
      expect(html).toContain('<h1');
      expect(html).toContain('No change report for this build.');
    }

    const second = await distribute(root, args, smtpEnv());
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Nothing to send: every recipient already has this build.');
    expect(server.received).toHaveLength(3);
    expect(await ledgerOf(state)).toHaveLength(3);
  });

  it('leads with the change report, escaped; with nothing changed, sends nothing again', async () => {
    const root = await distributionProject();
    const state = await newStateDir();
    const report = '# Since the last briefing\n\n- **Barnet** <b>fell</b> by 12%\n- Derby rose\n';
    await writeFile(join(root, 'out', 'changes.md'), report);
    await writeFile(join(root, 'out', 'changes.json'), '{"changed": true, "figures": []}\n');
    const args = ['--send', '--approve', await manifestHash(root), '--state', state];
    expect((await distribute(root, args, smtpEnv())).code).toBe(0);
    const message = parseMime(server.received[0]!.raw);
    const html = part(message, 'text/html')!.content.toString();
    expect(html).toContain('<h3 style="margin:20px 0 8px; font-size:18px; line-height:1.3;">Since');
    expect(html).toContain('<li style="margin:0 0 4px;"><strong>Barnet</strong> &lt;b&gt;fell');
    expect(html).not.toContain('<b>fell');
    expect(html.indexOf('Since the last briefing')).toBeLessThan(html.indexOf('Your briefing'));
    const text = part(message, 'text/plain')!.content.toString();
    expect(text).toContain('- **Barnet** <b>fell</b> by 12%');

    // Everyone has it: a change report saying nothing changed is the 'unchanged' outcome.
    await writeFile(join(root, 'out', 'changes.json'), '{"changed": false}');
    const result = await distribute(root, args, smtpEnv());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to send: out/changes.json says no figure changed');
    expect(server.received).toHaveLength(3);
  });

  it('after an unchanged rebuild, sends only to a newly added recipient', async () => {
    const { ada, ben, cleo } = RECIPIENTS;
    const root = await distributionProject(STAKEHOLDERS.replace(/^Cleo .*\n/m, ''));
    const state = await newStateDir();
    const first = await distribute(root, await sendArgs(root, state), smtpEnv());
    expect(first.stdout).toContain('Sent 2 of 2 messages.');

    // Next month's build: every PDF differs, no report's content does; Cleo joins.
    await rebuildUnchanged(root, '2026-12-23');
    await writeFile(join(root, 'data', 'stakeholders.csv'), STAKEHOLDERS);
    const upToDate = [
      'Up to date, not sent again (their briefing has not changed since they last received it): 2',
      `  national briefing → Ada Example <${ada.email}>`,
      `  Barnet → Ben Example <${ben.email}>`,
    ];
    const dryRun = await distribute(root, ['--state', state], smtpEnv());
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('1 message would be sent');
    for (const text of upToDate) expect(dryRun.stdout).toContain(text);
    expect(await readdir(join(root, 'out', 'outbox'))).toEqual([
      '01-derby-cleo-example-example-gov-uk.eml',
    ]);

    const second = await distribute(root, await sendArgs(root, state), smtpEnv());
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Sent 1 of 1 message.');
    for (const text of upToDate) expect(second.stdout).toContain(text);
    expect(server.received.map((m) => m.to)).toEqual([[ada.email], [ben.email], [cleo.email]]);
    const pdf = part(parseMime(server.received[2]!.raw), 'application/pdf')!;
    expect(sha256(pdf.content)).toBe(await outputSha(root, cleo.pdf));
    expect((await ledgerOf(state)).map((e) => e.recipient)).toEqual(
      [ada, ben, cleo].map((r) => r.email),
    );

    // Everyone is up to date now: nothing changed, and nothing is left to send.
    const third = await distribute(root, await sendArgs(root, state), smtpEnv());
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('Nothing to send: out/changes.json says no figure changed');
    expect(third.stdout).toContain(
      '(their briefing has not changed since they last received it): 2',
    );
    expect(server.received).toHaveLength(3);
  });

  it('reports a malformed changes.json and an unknown area as located errors', async () => {
    const root = await distributionProject(
      'name,email,organisation,report\nZed Example,zed@example.org,Nowhere (example),Narnia\n',
    );
    await writeFile(join(root, 'out', 'changes.json'), '{\n  "changed": maybe\n}\n');
    const bad = await distribute(root, ['--state', await newStateDir()]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('out/changes.json:2:14 DISTRIBUTE_CHANGES_INVALID');
    // --check needs no build: it reads the recipients, the templates and the ledger.
    await rm(join(root, 'out'));
    const unknown = await distribute(root, ['--check']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('data/stakeholders.csv:2 [report] STAKEHOLDER_REPORT_UNKNOWN');
    expect(server.received).toHaveLength(0);
  });
});
