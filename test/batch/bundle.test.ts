/** The launcher's bundles: made once for the same sources, remade when a source or an installed package changes, libraries inside them, none for code that does not compile; and CommonJS bundles run with V8's code cache. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundle, loadCommonJs } from '../../pipeline/bundle.mjs';

const BUNDLE_MJS = join(import.meta.dirname, '..', '..', 'pipeline', 'bundle.mjs');

async function sources(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'briefing-bundle-'));
  const dir = join(root, 'pipeline');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** Run a bundle as the launcher does. */
const run = (url: string | undefined) => loadCommonJs(fileURLToPath(url!)).exports;

/** A package installed beside the sources' folder, as npm would. */
async function installed(dir: string, name: string, files: Record<string, string>) {
  const at = join(dir, '..', 'node_modules', name);
  await mkdir(at, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(at, file), text);
  return at;
}

/** An ES module package that reads a file of its own, found from import.meta.url. */
const esmLib = (dir: string) =>
  installed(dir, 'esm-lib', {
    'package.json': '{"name":"esm-lib","type":"module","exports":"./index.js"}',
    'index.js': [
      "import { readFileSync } from 'node:fs';",
      "export const fromEsm = readFileSync(new URL('./data.txt', import.meta.url), 'utf8');",
    ].join('\n'),
    'data.txt': 'esm data',
  });

describe('bundle', () => {
  it('bundles an entry with its imports, reuses it while the sources are the same, and remakes it when one changes', async () => {
    const dir = await sources({
      'main.ts':
        "import { answer } from './lib.ts';\nexport const value: number = answer + 1;\nexport const where = __PIPELINE_DIR__;\ndeclare const __PIPELINE_DIR__: string;\n",
      'lib.ts': 'export const answer: number = 41;\n',
    });
    const first = await bundle(join(dir, 'main.ts'), dir);
    expect(first).toMatch(/node_modules\/\.cache\/briefing\/main-[0-9a-f]{16}\/main\.cjs$/);
    const loaded = run(first) as { value: number; where: string };
    expect(loaded).toMatchObject({ value: 42, where: dir });
    expect(await bundle(join(dir, 'main.ts'), dir)).toBe(first);

    await writeFile(join(dir, 'lib.ts'), 'export const answer: number = 1;\n');
    const second = await bundle(join(dir, 'main.ts'), dir);
    expect(second).not.toBe(first);
    expect((run(second) as { value: number }).value).toBe(2);
    expect(fileURLToPath(second!).startsWith(join(dir, '..', 'node_modules'))).toBe(true);
  });

  it('runs what is imported with import() only when it is imported', async () => {
    const dir = await sources({
      'main.ts':
        "(globalThis as { order?: string[] }).order = ['main'];\nexport const later = () => import('./heavy.ts');\n",
      'heavy.ts':
        "(globalThis as { order?: string[] }).order!.push('heavy');\nexport const heavy = 1;\n",
    });
    const url = await bundle(join(dir, 'main.ts'), dir);
    const main = run(url) as { later: () => Promise<{ heavy: number }> };
    const order = (globalThis as { order?: string[] }).order!;
    expect(order).toEqual(['main']);
    expect((await main.later()).heavy).toBe(1);
    expect(order).toEqual(['main', 'heavy']);
  });

  it('holds the libraries, which still find their own files and require Node modules, and leaves the external ones to node_modules', async () => {
    const dir = await sources({
      'main.ts': [
        "import { fromCjs, sep } from 'cjs-lib';",
        "import { fromEsm } from 'esm-lib';",
        "export const later = () => import('sharp');",
        'export const values = [fromCjs, fromEsm, sep];',
      ].join('\n'),
    });
    const cjs = await installed(dir, 'cjs-lib', {
      'package.json': '{"name":"cjs-lib","main":"index.js"}',
      'index.js': [
        "const path = require('path');",
        "exports.fromCjs = require('fs').readFileSync(__dirname + '/data.txt', 'utf8');",
        'exports.sep = path.sep;',
      ].join('\n'),
      'data.txt': 'cjs data',
    });
    const esm = await esmLib(dir);
    const url = await bundle(join(dir, 'main.ts'), dir);
    expect(url).toBeDefined();
    // The libraries' code is in the bundle: without their own files, it still runs.
    await rm(join(cjs, 'index.js'));
    await rm(join(esm, 'index.js'));
    const loaded = run(url) as { values: string[] };
    expect(loaded.values).toEqual(['cjs data', 'esm data', '/']);
    // sharp is native code: imported from node_modules, not bundled.
    expect(await readFile(fileURLToPath(url!), 'utf8')).toMatch(/require\("sharp"\)/);
  });

  it('is remade when the installed packages change, since it holds them', async () => {
    const dir = await sources({ 'main.ts': 'export const value = 1;\n' });
    const record = join(dir, '..', 'node_modules', '.package-lock.json');
    await mkdir(join(dir, '..', 'node_modules'), { recursive: true });
    await writeFile(record, '{"packages":{"node_modules/vega":{"version":"6.4.0"}}}');
    const first = await bundle(join(dir, 'main.ts'), dir);
    expect(await bundle(join(dir, 'main.ts'), dir)).toBe(first);
    await writeFile(record, '{"packages":{"node_modules/vega":{"version":"6.4.1"}}}');
    expect(await bundle(join(dir, 'main.ts'), dir)).not.toBe(first);
  });

  it('runs with a code cache it writes once, and without one it cannot use', async () => {
    const dir = await sources({
      'main.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { fromEsm } from 'esm-lib';",
        'export const where = import.meta.url;',
        'export const value = fromEsm;',
        'export const ready = Promise.resolve(readFileSync(new URL(import.meta.url)).length > 0);',
      ].join('\n'),
    });
    await esmLib(dir);
    const url = await bundle(join(dir, 'main.ts'), dir);
    const file = fileURLToPath(url!);

    // Each load in a process of its own: V8 keeps what it compiled in memory too, and a second
    // load in the same process would not read the cache at all.
    const loadApart = (save: boolean) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            [
              `import { loadCommonJs } from ${JSON.stringify(BUNDLE_MJS)};`,
              `const loaded = loadCommonJs(${JSON.stringify(file)});`,
              'const ready = await loaded.exports.ready;',
              save ? 'loaded.saveCache();' : '',
              'const { where, value } = loaded.exports;',
              'console.log(JSON.stringify({ cacheUsed: loaded.cacheUsed, where, value, ready }));',
            ].join('\n'),
          ],
          { encoding: 'utf8' },
        ),
      ) as { cacheUsed: boolean; where: string; value: string; ready: boolean };

    // import.meta.url in the pipeline's code is the bundle's own location, as in an ES module.
    expect(loadApart(false)).toEqual({
      cacheUsed: false,
      where: url,
      value: 'esm data',
      ready: true,
    });
    expect(existsSync(`${file}.v8cache`)).toBe(false);
    expect(loadApart(true).cacheUsed).toBe(false);
    expect((await readFile(`${file}.v8cache`)).length).toBeGreaterThan(0);
    expect(loadApart(false)).toMatchObject({ cacheUsed: true, value: 'esm data' });

    // A cache in use is not written again.
    const cache = await readFile(`${file}.v8cache`);
    expect(loadApart(true).cacheUsed).toBe(true);
    expect(await readFile(`${file}.v8cache`)).toEqual(cache);

    // A cache V8 cannot use (another source, another V8) is turned down, and replaced.
    await writeFile(`${file}.v8cache`, 'not a code cache');
    expect(loadApart(true)).toMatchObject({ cacheUsed: false, value: 'esm data' });
    expect(loadApart(false).cacheUsed).toBe(true);
  });

  it("bundles the pipeline's own entry points, libraries and all (else builds would fall back to the slow TypeScript loader)", async () => {
    const pipeline = join(import.meta.dirname, '..', '..', 'pipeline');
    for (const entry of ['cli.ts', 'distribute-cli.ts', 'batch/area-worker.ts'])
      expect(await bundle(join(pipeline, entry), pipeline)).toMatch(/\.cjs$/);
  });

  it('gives nothing for code that does not compile, so the caller loads the TypeScript instead', async () => {
    const dir = await sources({ 'main.ts': 'export const = ;\n' });
    expect(await bundle(join(dir, 'main.ts'), dir)).toBeUndefined();
  });
});
