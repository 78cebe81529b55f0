/**
 * The area worker as one plain JavaScript file. A worker thread does not inherit the TypeScript
 * loader the build runs under; registering tsx in each worker costs a second of CPU per worker
 * (every module resolved and transpiled through a loader thread). So the worker's own modules are
 * bundled once with esbuild (the compiler tsx itself uses) into `node_modules/.cache/briefing/`,
 * named by the hash of the bundle: a changed source gives a new file, an unchanged one is reused.
 * Libraries stay external and load from node_modules as usual, which is why the bundle lives
 * inside the project. If the bundle cannot be made, the workers load the TypeScript through tsx.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ENTRY = new URL('./area-worker.ts', import.meta.url);
const CACHE = new URL('../../node_modules/.cache/briefing/', import.meta.url);
/** Registers tsx in the worker, then loads area-worker.ts: the slow path. */
const FALLBACK = new URL('./area-worker.mjs', import.meta.url);

export async function workerFile(): Promise<string> {
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [fileURLToPath(ENTRY)],
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const file = new URL(`area-worker-${hash}.mjs`, CACHE);
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await mkdir(CACHE, { recursive: true });
      // Written under a temporary name and renamed, so a build running at the same time never
      // loads half a file.
      const temporary = new URL(`.area-worker-${randomBytes(6).toString('hex')}.tmp`, CACHE);
      await writeFile(temporary, code);
      await rename(temporary, file);
    }
    return file.href;
  } catch {
    return FALLBACK.href;
  }
}
