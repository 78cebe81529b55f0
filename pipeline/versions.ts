/** Versions of node and of the libraries that shape the output, for the manifest. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

const LIBRARIES = [
  'pdfkit',
  'fontkit',
  'vega',
  'vega-lite',
  'handlebars',
  'sharp',
  'source-sans',
  '@fontsource/source-sans-3',
  'zod',
] as const;

/** Read a package's own package.json (many packages do not export it, so find it on disk). */
function versionOf(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const file = join(dir, name, 'package.json');
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

let cached: Record<string, string> | undefined;

export function versions(): Record<string, string> {
  cached ??= {
    node: process.version,
    ...Object.fromEntries(LIBRARIES.map((name) => [name, versionOf(name)])),
  };
  return cached;
}
