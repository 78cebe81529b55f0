/**
 * The command line's exit codes other than a single bad input (cli-bad-input.test.ts): a usage
 * error (2), an internal error (3) with its stack trace only under --debug, and a long list of
 * problems cut at the cap, with how many more there are.
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell, REASONS } from './helpers/bad-input.ts';
import { cli } from './helpers/cli.ts';
import { copyProject } from './helpers/project.ts';

const STACK = /\n\s+at .+:\d+:\d+/;

describe.concurrent('exit codes', { timeout: 120_000 }, () => {
  it('2 for a usage error: the option named, a hint, no stack trace, nothing built', async () => {
    const root = await copyProject();
    const result = await cli(root, ['--only', 'everything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'command line [--only] USAGE: --only must be "national" or "areas", got "everything"',
    );
    expect(result.stderr).toContain('hint: run `npm run build:report -- --help`');
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).not.toContain('Building');
    await expect(access(join(root, 'out'))).rejects.toThrow();
  });

  it('3 for an internal error (a case the pipeline does not handle), the stack only with --debug', async () => {
    const root = await copyProject();
    // The last-sent state is a folder, not a file: reading it fails in a way no check expects.
    // (An output folder that cannot be made used to serve here; it is now a located error.)
    await mkdir(join(root, 'state', 'last-sent.json'), { recursive: true });
    const args = ['--only', 'national'];

    const plain = await cli(root, args);
    expect(plain.code, plain.stderr).toBe(3);
    expect(plain.stderr).toMatch(/^Unexpected error: EISDIR: illegal operation on a directory/m);
    expect(plain.stderr).toContain('Run again with --debug to see the stack trace');
    expect(plain.stderr).not.toMatch(STACK);

    const debug = await cli(root, [...args, '--debug']);
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/^Unexpected error: EISDIR: illegal operation on a directory/m);
    expect(debug.stderr).toMatch(STACK);
    expect(debug.stderr).toMatch(/\n\s+at .*readOptional/);
  });
});

describe('the cap on problems printed', () => {
  it('prints the first 25 of 30 problems, then "…and 5 more.", and exits 1', async () => {
    const root = await copyProject();
    const csv = join(root, REASONS);
    let text = await readFile(csv, 'utf8');
    // Thirty areas' cells that are not numbers (lines 3 to 32, after England's row), one problem each.
    for (let line = 3; line <= 32; line++) text = cell(line, 3, `${line}a`)(text);
    await writeFile(csv, text);

    const result = await cli(root, ['--only', 'national']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The input is not valid (30 problems):');
    const printed = result.stderr.match(/^\S+:\d+ \[[^\]]+\] DATA_FIELD_NOT_NUMBER: /gm) ?? [];
    expect(printed).toHaveLength(25);
    expect(printed[0]).toBe(`${REASONS}:3 [Awaiting public funding] DATA_FIELD_NOT_NUMBER: `);
    expect(printed[24]).toBe(`${REASONS}:27 [Awaiting public funding] DATA_FIELD_NOT_NUMBER: `);
    expect(result.stderr).toContain('\n…and 5 more.\n');
    expect(result.stderr).not.toContain(`${REASONS}:28 `);
    expect(result.stderr).not.toMatch(STACK);
  });
});
