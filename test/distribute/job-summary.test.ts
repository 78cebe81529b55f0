/**
 * `npm run distribute` in CI: what it prints also reaches the job summary ($GITHUB_STEP_SUMMARY),
 * so a failed scheduled run says where the problem is without anyone opening the log.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distribute, distributionProject, newStateDir, removeProjects } from './project.ts';

afterEach(removeProjects);

describe('npm run distribute: the CI job summary', () => {
  it('--check: a line when the recipients are valid, each located problem when not', async () => {
    const root = await distributionProject();
    const state = await newStateDir();
    const summary = join(state, 'summary.md');
    const env = { GITHUB_STEP_SUMMARY: summary };
    const ok = await distribute(root, ['--check', '--state', state], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(await readFile(summary, 'utf8')).toBe(
      '### ✅ Checked 3 recipients and the ledger (0 messages delivered so far); nothing was sent.\n\n',
    );

    await rm(summary);
    const csv =
      'name,email,organisation,report\nZed Example,zed@example.org,Nowhere (example),Narnia\n';
    await writeFile(join(root, 'data', 'stakeholders.csv'), csv);
    const result = await distribute(root, ['--check', '--state', state], env);
    expect(result.code).toBe(1);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### ❌ The input is not valid (1 problem)');
    expect(markdown).toMatch(
      /^\| `data\/stakeholders\.csv:2 \[report\]` \| error \| `STAKEHOLDER_REPORT_UNKNOWN` \| .*Narnia.* \| .+ \|$/m,
    );
  });

  it('a usage error, such as MAIL_FROM missing with --send, is located there too', async () => {
    const root = await distributionProject();
    const summary = join(await newStateDir(), 'summary.md');
    const args = ['--send', '--approve', 'a'.repeat(64)];
    const result = await distribute(root, args, { GITHUB_STEP_SUMMARY: summary });
    expect(result.code).toBe(2);
    expect(await readFile(summary, 'utf8')).toMatch(
      /^\| `environment \[MAIL_FROM\]` \| error \| `USAGE` \| MAIL_FROM is not set \| .+ \|$/m,
    );
  });
});
