/**
 * `build --merge`: the CI matrix builds the national briefing and shares of the areas on separate
 * runners, then merges their outputs. The merge must equal one full build, byte for byte, and must
 * refuse parts that are damaged or come from different inputs.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { cli } from './helpers/cli.ts';
import { copyProject, snapshot } from './helpers/project.ts';

const merge = (root: string, parts: string[], env = {}) =>
  cli(root, ['--merge', ...parts, '--quiet'], env);

describe('merging the parts of a CI matrix', () => {
  let root: string;

  beforeAll(async () => {
    root = await copyProject();
    const parts: [string, string[]][] = [
      ['national', ['--only', 'national']],
      ['shard-1', ['--only', 'areas', '--shard', '1/2']],
      ['shard-2', ['--only', 'areas', '--shard', '2/2']],
    ];
    for (const [dir, args] of parts) {
      const result = await cli(root, [...args, '--out', `parts/${dir}`, '--quiet']);
      expect(result.code, result.stderr).toBe(0);
    }
  }, 120_000);

  it('gives the same files and manifest as one full build', async () => {
    const result = await merge(root, ['parts/national', 'parts/shard-1', 'parts/shard-2']);
    expect(result.code, result.stderr).toBe(0);
    const merged = await snapshot(join(root, 'out'));
    const full = await snapshot(join(inject('builtRoot'), 'out'));
    expect(Object.keys(merged).sort()).toEqual(Object.keys(full).sort());
    const differing = Object.keys(full).filter((path) => merged[path] !== full[path]);
    expect(differing).toEqual([]);
  });

  it('refuses a folder that is not a build, naming it', async () => {
    const result = await merge(root, ['parts/national', 'data']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('MERGE_NOT_A_BUILD');
    expect(result.stderr).toContain('data is not the output of a build');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a part whose file changed after its build, and keeps the last good output', async () => {
    const damaged = await copyPart(root, 'shard-1', 'damaged');
    await writeFile(join(root, damaged, 'areas/derby.html'), 'not the briefing');
    const before = await snapshot(join(root, 'out'));
    const result = await merge(root, ['parts/national', damaged]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('MERGE_CORRUPT');
    expect(result.stderr).toContain('parts/damaged/areas/derby.html');
    expect(await snapshot(join(root, 'out'))).toEqual(before);
  });

  it('refuses a part with a file missing', async () => {
    const partial = await copyPart(root, 'shard-2', 'partial');
    await rm(join(root, partial, 'areas/york.pdf'));
    const result = await merge(root, ['parts/national', partial]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('areas/york.pdf is listed in its manifest but missing');
  });

  it('refuses parts built on different dates', async () => {
    const result = await cli(
      root,
      ['--only', 'national', '--out', 'parts/national-2027', '--quiet'],
      { SOURCE_DATE_EPOCH: '1798761600' },
    );
    expect(result.code, result.stderr).toBe(0);
    const merged = await merge(root, ['parts/shard-1', 'parts/national-2027']);
    expect(merged.code).not.toBe(0);
    expect(merged.stderr).toContain('MERGE_MISMATCH');
    expect(merged.stderr).toContain('parts/national-2027 was built from different inputs');
  });

  it('refuses two parts that made the same file differently', async () => {
    const other = await copyPart(root, 'national', 'national-edited');
    const path = join(root, other, 'bcf-briefing.html');
    const html = (await readFile(path, 'utf8')).replace('</body>', '<!-- edited --></body>');
    await writeFile(path, html);
    // Make the edited part self-consistent, so only the conflict is left to find.
    const manifestPath = join(root, other, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
      outputs: { path: string; sha256: string }[];
    };
    const { createHash } = await import('node:crypto');
    manifest.outputs.find((o) => o.path === 'bcf-briefing.html')!.sha256 = createHash('sha256')
      .update(html)
      .digest('hex');
    await writeFile(manifestPath, JSON.stringify(manifest));
    const result = await merge(root, ['parts/national', other]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('MERGE_CONFLICT');
    expect(result.stderr).toContain(
      'bcf-briefing.html differs between parts/national and parts/national-edited',
    );
  });
});

async function copyPart(root: string, from: string, to: string): Promise<string> {
  const { cp, realpath } = await import('node:fs/promises');
  await cp(await realpath(join(root, 'parts', from)), join(root, 'parts', to), { recursive: true });
  return `parts/${to}`;
}
