// Launcher for the command-line tools: `node pipeline/run.mjs cli.ts build …`. Runs the entry
// point as one bundled JavaScript file (see bundle.mjs), so start-up does not go through the
// TypeScript loader; if the bundle cannot be made, loads the TypeScript with tsx instead.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundle, PIPELINE_DIR } from './bundle.mjs';

const [, , entryName, ...args] = process.argv;
if (!entryName || !/^[\w-]+\.ts$/.test(entryName)) {
  console.error('usage: node pipeline/run.mjs <entry>.ts [arguments…]');
  process.exit(2);
}
const entry = join(PIPELINE_DIR, entryName);
// The entry reads its arguments from process.argv.slice(2), as if it were run directly.
process.argv.splice(2, process.argv.length - 2, ...args);
const file = await bundle(entry, PIPELINE_DIR);
if (file) await import(file);
else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
