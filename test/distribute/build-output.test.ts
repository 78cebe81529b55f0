/** Reading the build to distribute: its manifest and hash, and the change report, defensively. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readBuild } from '../../pipeline/distribute/build-output.ts';
import { buildManifest, sha256 } from '../../pipeline/output/manifest.ts';
import type { Problem } from '../../pipeline/errors.ts';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A build folder with a manifest listing one PDF, and the given extra files. */
async function buildFolder(files: Record<string, string> = {}): Promise<Uint8Array> {
  dir = await mkdtemp(join(tmpdir(), 'briefing-build-'));
  const pdf = { path: 'bcf-briefing.pdf', bytes: 5, sha256: sha256(new Uint8Array(5)) };
  const manifest = buildManifest({ id: 'bcf-briefing', date: '2026-11-23' }, [pdf], [], {});
  await writeFile(join(dir, 'manifest.json'), manifest.bytes);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return manifest.bytes;
}

async function problemsOf(files: Record<string, string>): Promise<Problem[]> {
  await buildFolder(files);
  const error = await readBuild(dir).catch((e: unknown) => e as { problems: Problem[] });
  return 'problems' in error ? error.problems : [];
}

describe('readBuild', () => {
  it('gives the manifest, the sha256 to approve, and the change report', async () => {
    const bytes = await buildFolder({
      'changes.md': '# What changed\r\n\r\n- Barnet fell\r\n',
      'changes.json': JSON.stringify({
        changed: true,
        summary: ['One month added.'],
        reports: [{ id: 'barnet', lines: ['Barnet fell'], status: 'changed' }],
      }),
    });
    const build = await readBuild(dir);
    expect(build.manifestSha256).toBe(sha256(bytes));
    expect(build.manifest.outputs.map((o) => o.path)).toEqual(['bcf-briefing.pdf']);
    expect(build.changes).toEqual({
      changed: true,
      markdown: '# What changed\n\n- Barnet fell',
      perReport: { summary: ['One month added.'], reports: new Map([['barnet', ['Barnet fell']]]) },
      unchanged: new Set(),
    });
  });

  it('takes a missing or blank change report as "no change report"', async () => {
    await buildFolder({ 'changes.md': '  \n' });
    expect((await readBuild(dir)).changes).toEqual({ unchanged: new Set() });
  });

  it('gives the ids of the unchanged reports; an older changes.json without statuses has none', async () => {
    const report = (id: string, status?: string) => ({ id, lines: [], ...(status && { status }) });
    await buildFolder({
      'changes.json': JSON.stringify({
        changed: true,
        reports: [
          report('national', 'changed'),
          report('barnet', 'unchanged'),
          report('derby', 'new'),
          report('bury', 'unchanged'),
          report('camden', 'removed'),
        ],
      }),
    });
    expect((await readBuild(dir)).changes.unchanged).toEqual(new Set(['barnet', 'bury']));
    const older = { changed: false, reports: [report('barnet')] };
    await writeFile(join(dir, 'changes.json'), JSON.stringify(older));
    expect((await readBuild(dir)).changes).toEqual({ changed: false, unchanged: new Set() });
  });

  it('DISTRIBUTE_CHANGES_INVALID: a changes.json of the wrong shape, at its field', async () => {
    const problems = await problemsOf({ 'changes.json': '{"changed": "yes"}' });
    expect(problems.map((p) => [p.code, p.at])).toEqual([
      ['DISTRIBUTE_CHANGES_INVALID', { file: `${dir}/changes.json`, field: 'changed' }],
    ]);
    const report = { id: 'barnet', lines: [], status: 'same' };
    await writeFile(
      join(dir, 'changes.json'),
      JSON.stringify({ changed: true, reports: [report] }),
    );
    await expect(readBuild(dir)).rejects.toMatchObject({
      problems: [{ code: 'DISTRIBUTE_CHANGES_INVALID', at: { field: 'reports.0.status' } }],
    });
    const binary = await problemsOf({ 'changes.md': 'a\u0000b' });
    expect(binary.map((p) => [p.code, p.at])).toEqual([
      ['DISTRIBUTE_CHANGES_INVALID', { file: `${dir}/changes.md` }],
    ]);
  });

  it('DISTRIBUTE_MANIFEST_INVALID and DISTRIBUTE_BUILD_MISSING', async () => {
    await buildFolder();
    await writeFile(join(dir, 'manifest.json'), '{"briefing": "x"}');
    await expect(readBuild(dir)).rejects.toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ code: 'DISTRIBUTE_MANIFEST_INVALID' }),
      ]),
    });
    await expect(readBuild(join(dir, 'nowhere'))).rejects.toMatchObject({
      code: 'DISTRIBUTE_BUILD_MISSING',
      at: { file: `${join(dir, 'nowhere')}/manifest.json` },
    });
  });
});
