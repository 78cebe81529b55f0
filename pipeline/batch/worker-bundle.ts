/**
 * The file each area worker thread loads. A worker does not inherit the TypeScript loader the
 * build may run under, and registering tsx in each worker costs about a second of CPU per
 * worker, so the worker's modules are bundled as plain JavaScript (see bundle.mjs). If the
 * bundle cannot be made, the workers register tsx and load the TypeScript (area-worker.mjs).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle } from '../bundle.mjs';
import { PIPELINE_DIR } from '../paths.ts';

export async function workerFile(): Promise<string> {
  return (
    (await bundle(join(PIPELINE_DIR, 'batch', 'area-worker.ts'), PIPELINE_DIR)) ??
    pathToFileURL(join(PIPELINE_DIR, 'batch', 'area-worker.mjs')).href
  );
}
