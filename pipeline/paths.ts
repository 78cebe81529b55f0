/** Where the pipeline's own files are, whether it runs from its TypeScript or from a bundle. */
import { fileURLToPath } from 'node:url';

// Set by esbuild when the pipeline runs from a bundle (see bundle.mjs), where import.meta.url
// is the bundle's location, not this file's.
declare const __PIPELINE_DIR__: string | undefined;

/** The absolute path of the pipeline's source folder. */
export const PIPELINE_DIR: string =
  typeof __PIPELINE_DIR__ === 'string'
    ? __PIPELINE_DIR__
    : fileURLToPath(new URL('.', import.meta.url));
