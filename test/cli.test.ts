/** The real command line, run as a child process: exit codes, messages, and out/ left alone. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dateFromEpoch } from '../pipeline/cli-args.ts';
import { cli } from './helpers/cli.ts';
import { copyProject } from './helpers/project.ts';

describe('command line', () => {
  it('builds, exits 0 and says what it wrote', async () => {
    const root = await copyProject();
    const result = await cli(root, ['--only', 'national']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Wrote 16 files \(1 PDF briefings\) to out\//);
  });

  it('exits 1 on invalid input with a located message and no stack trace', async () => {
    const root = await copyProject();
    const csv = join(root, 'data/dtoc/delayed-days-by-reason.csv');
    const lines = (await readFile(csv, 'utf8')).split('\n');
    lines[213] = lines[213]!.replace(/^("[^"]*","[^"]*",)"\d+"/, '$1"12a"');
    await writeFile(csv, lines.join('\n'));
    const result = await cli(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'data/dtoc/delayed-days-by-reason.csv:214 [Awaiting completion of assessment] DATA_FIELD_NOT_NUMBER',
    );
    expect(result.stderr).toContain('hint:');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--check validates without writing anything; in CI the job summary gets each located problem', async () => {
    const root = await copyProject();
    const summary = join(root, 'summary.md');
    const ok = await cli(root, ['--check'], { GITHUB_STEP_SUMMARY: summary });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Every input is valid');
    await expect(readFile(join(root, 'out/manifest.json'))).rejects.toThrow();
    const csv = join(root, 'data/dtoc/delayed-days-by-responsible-org.csv');
    const lines = (await readFile(csv, 'utf8')).split('\n');
    lines[9] = lines[9]!.replace(/^("[^"]*",)"\d+"/, '$1"lots"');
    await writeFile(csv, lines.join('\n'));
    const bad = await cli(root, ['--check'], { GITHUB_STEP_SUMMARY: summary });
    expect(bad.code).toBe(1);
    const markdown = await readFile(summary, 'utf8');
    expect(markdown).toContain('### ✅ Every input is valid');
    expect(markdown).toContain('### ❌ The input is not valid (1 problem)');
    expect(markdown).toMatch(
      /^\| `data\/dtoc\/delayed-days-by-responsible-org.csv:10 \[NHS\]` \| error \| `DATA_FIELD_NOT_NUMBER` \| .*got "lots" \| .+ \|$/m,
    );
  });

  it('--strict prints a warning it makes an error as an error, and counts it as one', async () => {
    // A figure no template uses is a warning (CLAIM_UNUSED) at its id in claims.yaml.
    const root = await copyProject();
    const template = join(root, 'templates/bcf/briefing.hbs');
    await writeFile(
      template,
      (await readFile(template, 'utf8')).replace('{{fig "minimum-pool"}}', '£3.8 billion'),
    );
    const where = 'data/bcf/claims.yaml:22 [id]';
    const lenient = await cli(root, ['--check']);
    expect(lenient.code, lenient.stderr).toBe(0);
    expect(lenient.stderr).toContain(`warning: data/bcf/claims.yaml:22 CLAIM_UNUSED`);
    expect(lenient.stdout).toContain('Every input is valid, with 1 warning.');

    const summary = join(root, 'summary.md');
    const strict = await cli(root, ['--check', '--strict'], { GITHUB_STEP_SUMMARY: summary });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('The input is not valid (1 problem):');
    expect(strict.stderr).toContain(`${where} CLAIM_UNUSED: `);
    expect(strict.stderr).not.toContain('warning CLAIM_UNUSED');
    expect(strict.stderr).not.toMatch(/^\s*warning:/m);
    expect(await readFile(summary, 'utf8')).toMatch(
      /^\| `data\/bcf\/claims.yaml:22 \[id\]` \| error \| `CLAIM_UNUSED` \|/m,
    );
    const json = await cli(root, ['--check', '--strict', '--json']);
    const failure = json.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; problems?: { severity?: string }[] })
      .find((e) => e.type === 'error');
    expect(failure?.problems?.map((p) => p.severity)).toEqual(['error']);
  });

  it('exits 2 on a usage error', async () => {
    const root = await copyProject();
    expect((await cli(root, ['--no-such-flag'])).code).toBe(2);
    expect((await cli(root, [], { SOURCE_DATE_EPOCH: 'yesterday' })).code).toBe(2);
  });

  it('reads SOURCE_DATE_EPOCH as a UTC date', () => {
    expect(dateFromEpoch('1795392000')).toBe('2026-11-23');
    expect(dateFromEpoch(undefined)).toBeUndefined();
    expect(() => dateFromEpoch('1.5')).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
