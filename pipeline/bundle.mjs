// The pipeline as plain JavaScript. Run through tsx, every TypeScript module is resolved and
// transpiled through a loader thread at start-up: about a second of CPU for the main thread and
// again for each worker thread. So an entry point and the modules it imports are bundled once
// with esbuild (the compiler tsx itself uses) into node_modules/.cache/briefing/, named by the
// hash of the sources: a changed source gives a new folder, an unchanged one is reused. Libraries
// stay external and load from node_modules as usual, which is why the bundle lives inside the
// project. Plain JavaScript, so that the launcher (run.mjs) can use it before any loader exists.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bundles of an entry older than this are removed when a new one is written. */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Bundle `entry` (an absolute path to a .ts file under `pipelineDir`) and return the bundle's
 * file URL, or undefined if it cannot be made (the caller then loads the TypeScript with tsx).
 * In the bundle, `__PIPELINE_DIR__` is the absolute path of the pipeline's source folder.
 */
export async function bundle(entry, pipelineDir) {
  try {
    const cache = join(pipelineDir, '..', 'node_modules', '.cache', 'briefing');
    const name = basename(entry).replace(/\.ts$/, '');
    // Named by a hash of every source file, so an unchanged pipeline starts without esbuild.
    const dir = join(cache, `${name}-${sourceHash(entry, pipelineDir)}`);
    const file = join(dir, `${name}.mjs`);
    if (await exists(file)) return pathToFileURL(file).href;
    const { build } = await import('esbuild');
    // Split at dynamic imports: a module imported with import() (and the libraries it imports)
    // is loaded only when it is needed, so the command line starts the worker threads before
    // it loads Vega, pdfkit and the rest.
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      outdir: dir,
      entryNames: '[name]',
      chunkNames: 'chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      define: { __PIPELINE_DIR__: JSON.stringify(pipelineDir) },
      write: false,
      logLevel: 'silent',
    });
    await mkdir(cache, { recursive: true });
    // Written into a temporary folder and renamed, so a build running at the same time never
    // loads half a bundle.
    const temporary = join(cache, `.${name}-${randomBytes(6).toString('hex')}.tmp`);
    for (const output of result.outputFiles) {
      const target = join(temporary, relative(dir, output.path));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, output.contents);
    }
    try {
      await rename(temporary, dir);
    } catch (error) {
      // Another build made the same bundle first.
      await rm(temporary, { recursive: true, force: true });
      if (!(await exists(file))) throw error;
    }
    await removeStale(cache, name, dir);
    return pathToFileURL(file).href;
  } catch {
    return undefined;
  }
}

/**
 * A hash of the entry, the folder, and the path and content of every source file in it. Read
 * synchronously: a few milliseconds, which must not wait for an event loop that the main thread
 * keeps busy loading libraries (the worker threads start only once their bundle is known).
 */
function sourceHash(entry, pipelineDir) {
  const hash = createHash('sha256').update(`${entry}\0${pipelineDir}\0${process.version}\0`);
  const files = readdirSync(pipelineDir, { recursive: true })
    .filter((f) => /\.(ts|mts|mjs|js|json)$/.test(f))
    .sort();
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(pipelineDir, f)));
  return hash.digest('hex').slice(0, 16);
}

async function exists(file) {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function removeStale(cache, name, keep) {
  const now = Date.now();
  for (const other of await readdir(cache)) {
    const path = join(cache, other);
    if (path === keep || !other.startsWith(`${name}-`)) continue;
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: now }));
    if (now - mtimeMs > STALE_MS) await rm(path, { recursive: true, force: true });
  }
}

/** The folder of this file: the pipeline's sources. */
export const PIPELINE_DIR = dirname(fileURLToPath(import.meta.url));
