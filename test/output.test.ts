/** out/ under stress: builds at the same time, a held lock, and builds killed part-way. */
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tryLock } from '../pipeline/output/lock.ts';
import { describe, expect, inject, it } from 'vitest';
import { build, DEFAULT_OPTIONS } from '../pipeline/build.ts';
import { FileBuildEffects } from '../pipeline/effects.ts';
import { cli, startCli } from './helpers/cli.ts';
import { copyProject, seedOutput, snapshot } from './helpers/project.ts';

const buildFolders = async (root: string) =>
  (await readdir(root)).filter((n) => n.startsWith('.out-'));

describe('the output folder', () => {
  it('survives two builds started at once: the second waits, and out/ is one complete build', async () => {
    const root = await copyProject();
    const [a, b] = await Promise.all([
      cli(root, ['--only', 'national']),
      cli(root, ['--only', 'national']),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout + b.stdout).toContain(
      'Another build is writing to out/; waiting for it to finish',
    );
    // The national files are those of the full build made for the tests (the manifest differs: it lists no areas).
    const built = await snapshot(join(inject('builtRoot'), 'out'));
    const national = Object.fromEntries(
      Object.entries(built).filter(
        ([path]) => !path.startsWith('areas/') && path !== 'manifest.json',
      ),
    );
    const { 'manifest.json': _manifest, ...mine } = await snapshot(join(root, 'out'));
    expect(mine).toEqual(national);
    expect(await buildFolders(root)).toHaveLength(1);
  });

  it("carries only the previous build's outputs into a partial build, not what other tools left in out/", async () => {
    const root = await copyProject();
    await seedOutput(root, inject('builtRoot'));
    // The distribution dry run writes its messages into out/outbox/.
    await mkdir(join(root, 'out', 'outbox'), { recursive: true });
    await writeFile(join(root, 'out', 'outbox', '01-national.eml'), 'Subject: dry run\r\n');
    const { code } = await cli(root, ['--only', 'national']);
    expect(code).toBe(0);
    const after = await snapshot(join(root, 'out'));
    expect(Object.keys(after).filter((p) => p.startsWith('outbox/'))).toEqual([]);
    expect(Object.keys(after).some((p) => p.startsWith('areas/'))).toBe(true);
    const manifest = JSON.parse(await readFile(join(root, 'out', 'manifest.json'), 'utf8')) as {
      outputs: { path: string }[];
    };
    expect(manifest.outputs.map((o) => o.path).sort()).toEqual(
      Object.keys(after)
        .filter((p) => p !== 'manifest.json')
        .sort(),
    );
  });

  it('takes over a lock left by a build killed before it wrote its owner, but not one being taken now', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'briefing-lock-'));
    const lock = join(dir, 'out.lock');
    // Just made, no owner yet: another build is taking it.
    await mkdir(lock);
    expect(await tryLock(lock)).toBeUndefined();
    // The same, a minute old: that build died between mkdir and writing its owner.
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(lock, minuteAgo, minuteAgo);
    const release = await tryLock(lock);
    expect(release).toBeTypeOf('function');
    expect(JSON.parse(await readFile(join(lock, 'owner.json'), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await release!();
  });

  it('refuses, exit 1, an output path that is a file, and leaves the file as it was', async () => {
    const root = await copyProject();
    await writeFile(join(root, 'out'), 'my notes\n');
    const result = await cli(root, ['--only', 'national']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('out OUTPUT_NOT_A_FOLDER: the output folder out is a file');
    expect(result.stderr).toContain('hint: move or rename that file');
    expect(result.stderr).not.toContain('Unexpected error');
    // No claim that out/ "still holds the previous build": it is a file, and there is none.
    expect(result.stderr).not.toContain('previous build');
    expect(await readFile(join(root, 'out'), 'utf8')).toBe('my notes\n');
    expect(await buildFolders(root)).toEqual([]);
  });

  it('says which part of the path is a file when the output folder cannot be made (exit 1)', async () => {
    const root = await copyProject();
    await writeFile(join(root, 'blocked'), 'a file, not a folder\n');
    const result = await cli(root, ['--only', 'national', '--out', 'blocked/out']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(
      'blocked/out OUTPUT_UNWRITABLE: the output folder blocked/out cannot be made: blocked is a file, not a folder',
    );
    expect(result.stderr).toContain('hint: build somewhere you can write to with --out');
    expect(result.stderr).not.toContain('Unexpected error');
    expect(result.stderr).not.toContain('previous build');
    expect(await readFile(join(root, 'blocked'), 'utf8')).toBe('a file, not a folder\n');
  });

  it('says so, and writes nothing, when another build holds the lock too long', async () => {
    const root = await copyProject();
    await seedOutput(root, inject('builtRoot'));
    const before = await snapshot(join(root, 'out'));
    // This test process holds the lock, as a running build would.
    const release = (await tryLock(join(root, 'out.lock')))!;
    try {
      const effects = new FileBuildEffects(root, 'out', () => undefined, 300);
      await expect(
        build({ ...DEFAULT_OPTIONS, date: '2026-11-23' }, effects),
      ).rejects.toMatchObject({ code: 'OUTPUT_LOCKED', at: { file: 'out' } });
    } finally {
      await release();
    }
    expect(await snapshot(join(root, 'out'))).toEqual(before);
  });

  it('holds the complete old or the complete new output when a build is killed at any moment', async () => {
    const root = await copyProject();
    await seedOutput(root, inject('builtRoot'));
    const old = await snapshot(join(root, 'out'));
    const NEW_DATE = { SOURCE_DATE_EPOCH: '1798761600' }; // 1 January 2027: every output differs.
    const seen: Record<string, string>[] = [];
    for (const delay of [150, 500, 900, 1300, 1700, 2100, 2500, 2900, 3300]) {
      const child = startCli(root, NEW_DATE, ['--only', 'national']);
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
      seen.push(await snapshot(join(root, 'out')));
    }
    // The killed builds' lock is left behind; the next build sees its owner is gone and takes it.
    const finished = await cli(root, ['--only', 'national'], NEW_DATE);
    expect(finished.code).toBe(0);
    const fresh = await snapshot(join(root, 'out'));
    expect(fresh).not.toEqual(old);
    for (const state of seen) expect([old, fresh]).toContainEqual(state);
    expect(seen[0]).toEqual(old);
    expect(await buildFolders(root)).toHaveLength(1);
  }, 120_000);
});
