/** End to end: the real build on copies of the project, into temporary folders. */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ValidationFailed } from '../pipeline/errors.ts';
import { pdfinfo } from './helpers/pdf-tools.ts';
import { buildIn, copyProject, PROJECT, realValid } from './helpers/project.ts';

const NATIONAL_FILES = [
  'bcf-briefing.html',
  'bcf-briefing.pdf',
  'changes.json',
  'changes.md',
  'charts/days-by-reason.png',
  'charts/days-by-reason.svg',
  'charts/days-by-year.png',
  'charts/days-by-year.svg',
  'charts/planned-vs-actual.png',
  'charts/planned-vs-actual.svg',
  'charts/responsible-by-year.png',
  'charts/responsible-by-year.svg',
  'figures.json',
  'manifest.json',
  'validation-report.html',
  'validation-report.json',
];

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) =>
    e.isFile(),
  );
  const out: Record<string, string> = {};
  for (const f of files) {
    const path = join(f.parentPath, f.name);
    out[path.slice(dir.length + 1)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

/** The national files, the index, and a PDF and an HTML page for each of the 150 areas. */
async function expectedFiles(): Promise<string[]> {
  const slugs = (await realValid()).dtoc.areas.map((a) => a.slug);
  return [
    ...NATIONAL_FILES,
    'areas/index.html',
    ...slugs.flatMap((s) => [`areas/${s}.html`, `areas/${s}.pdf`]),
  ].sort();
}

describe('build', () => {
  it('writes exactly the expected files: the national briefing and one for each of 150 areas', async () => {
    const files = Object.keys(await snapshot(join(inject('builtRoot'), 'out'))).sort();
    expect(files).toEqual(await expectedFiles());
    expect(files.filter((f) => f.startsWith('areas/') && f.endsWith('.pdf'))).toHaveLength(150);
  });

  it('lists every output with its size and sha256, every input, and library versions in the manifest', async () => {
    const out = join(inject('builtRoot'), 'out');
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    const hashes = await snapshot(out);
    expect(manifest.outputs.map((o: { path: string }) => o.path)).toEqual(
      (await expectedFiles()).filter((f) => f !== 'manifest.json'),
    );
    for (const o of manifest.outputs) {
      expect(o.sha256).toBe(hashes[o.path]);
      expect(o.bytes).toBe((await readFile(join(out, o.path))).length);
    }
    const input = manifest.inputs.find(
      (i: { path: string }) => i.path === 'data/dtoc/delayed-days-by-reason.csv',
    );
    expect(input.sha256).toBe(
      createHash('sha256')
        .update(await readFile(join(inject('builtRoot'), input.path)))
        .digest('hex'),
    );
    expect(Object.keys(manifest.versions)).toEqual(
      expect.arrayContaining(['node', 'pdfkit', 'vega', 'vega-lite', 'handlebars', 'sharp']),
    );
  });

  it('lists as inputs exactly the files under data/ and templates/, each with its sha256', async () => {
    const root = inject('builtRoot');
    const manifest = JSON.parse(await readFile(join(root, 'out', 'manifest.json'), 'utf8'));
    const onDisk: Record<string, string> = {};
    for (const dir of ['data', 'templates'])
      for (const [path, sha256] of Object.entries(await snapshot(join(root, dir))))
        onDisk[`${dir}/${path.split(sep).join('/')}`] = sha256;
    const listed = manifest.inputs.map((i: { path: string; sha256: string }) => [i.path, i.sha256]);
    expect(Object.fromEntries(listed)).toEqual(onDisk);
    expect(listed).toHaveLength(Object.keys(onDisk).length);
  });

  it('records the versions of node and of the libraries actually installed', async () => {
    const manifest = JSON.parse(
      await readFile(join(inject('builtRoot'), 'out', 'manifest.json'), 'utf8'),
    );
    expect(manifest.versions.node).toBe(process.version);
    for (const name of ['pdfkit', 'vega', 'vega-lite', 'handlebars', 'sharp']) {
      const installed = JSON.parse(
        await readFile(join(PROJECT, 'node_modules', name, 'package.json'), 'utf8'),
      );
      expect(manifest.versions[name], name).toMatch(/^\d+\.\d+\.\d+/);
      expect(manifest.versions[name], name).toBe(installed.version);
    }
  });

  it('is deterministic: a second build of the same inputs gives byte-identical files', async () => {
    const root = await copyProject();
    await buildIn(root);
    expect(await snapshot(join(root, 'out'))).toEqual(
      await snapshot(join(inject('builtRoot'), 'out')),
    );
  });

  it("takes the briefing date from SOURCE_DATE_EPOCH's date, never the clock", async () => {
    const root = await copyProject();
    await buildIn(root, { date: '2031-02-03', only: 'national' });
    const html = await readFile(join(root, 'out', 'bcf-briefing.html'), 'utf8');
    expect(html).toContain('3 February 2031');
    expect(pdfinfo(join(root, 'out', 'bcf-briefing.pdf'))).toMatch(
      /CreationDate:\s+Mon Feb\s+3 00:00:00 2031 UTC/,
    );
  });

  it('leaves the previous output exactly as it was when a build fails', async () => {
    const root = await copyProject();
    await buildIn(root, { only: 'national' });
    const before = await snapshot(join(root, 'out'));
    // Break one cell: validation fails and nothing may be written.
    const csv = join(root, 'data/dtoc/delayed-days-by-reason.csv');
    await writeFile(csv, (await readFile(csv, 'utf8')).replace('"19327"', '"19,327"'));
    await expect(buildIn(root, { only: 'national' })).rejects.toBeInstanceOf(ValidationFailed);
    expect(await snapshot(join(root, 'out'))).toEqual(before);
  });

  it('leaves the previous output untouched when a later stage fails', async () => {
    const root = await copyProject();
    await buildIn(root, { only: 'national' });
    const before = await snapshot(join(root, 'out'));
    const page = join(root, 'templates/shared/page.html.hbs');
    await writeFile(
      page,
      (await readFile(page, 'utf8')).replace('{{meta.title}}', '{{meta.nope.title}}'),
    );
    await expect(buildIn(root, { only: 'national' })).rejects.toMatchObject({
      code: 'TEMPLATE_RENDER',
      at: { file: 'templates/shared/page.html.hbs' },
    });
    expect(await snapshot(join(root, 'out'))).toEqual(before);
    expect((await lstat(join(root, 'out'))).isSymbolicLink()).toBe(true);
    expect((await readdir(root)).filter((n) => n.startsWith('.out-'))).toHaveLength(1);
  });
});
