/**
 * The module each area worker thread loads. A worker does not inherit the TypeScript loader the
 * build may run under, and registering tsx in each worker costs about a second of CPU per
 * worker, so the worker's modules are bundled as one file (see bundle.mjs), which
 * area-worker-bundled.mjs runs with V8's code cache. If the bundle cannot be made, the workers
 * register tsx and load the TypeScript (area-worker.mjs).
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle } from '../bundle.mjs';
import { PIPELINE_DIR } from '../paths.ts';

export interface WorkerModule {
  /** The module piscina loads in each worker (its file URL). */
  filename: string;
  /** The bundle that module runs, if there is one (a path), for the worker's workerData. */
  bundle?: string;
}

export async function workerModule(): Promise<WorkerModule> {
  const url = await bundle(join(PIPELINE_DIR, 'batch', 'area-worker.ts'), PIPELINE_DIR);
  const here = (name: string) => pathToFileURL(join(PIPELINE_DIR, 'batch', name)).href;
  return url
    ? { filename: here('area-worker-bundled.mjs'), bundle: fileURLToPath(url) }
    : { filename: here('area-worker.mjs') };
}
