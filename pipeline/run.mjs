// Launcher for the command-line tools: `node pipeline/run.mjs cli.ts build …`. Runs the entry
// point as one bundled JavaScript file (see bundle.mjs), so start-up does not go through the
// TypeScript loader, and with V8's code cache; if the bundle cannot be made, loads the
// TypeScript with tsx instead.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { bundle, loadCommonJs, PIPELINE_DIR } from './bundle.mjs';

// A build is a short batch that runs a great deal of library code (vega, pdfkit, fontkit) in two
// threads, and V8 optimises it eagerly: profiled, its optimising compiler used about as much CPU
// on background threads as the main thread did, on a machine with two cores. Optimising only
// hotter functions, with less inlining, costs less than it saves (README, "Speed"). These flags
// are process-wide, so the worker threads get them too.
if (!process.env.BRIEFING_DEFAULT_JIT) {
  setFlagsFromString('--interrupt-budget=400000');
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
  // A young-generation collection stops its thread and, by default, hands parts of its work to
  // V8's helper threads. With both cores already rendering, those helpers only take turns with
  // the other renderer: collecting on the thread itself was faster in paired runs (README).
  setFlagsFromString('--no-parallel-scavenge');
}

const [, , entryName, ...args] = process.argv;
if (!entryName || !/^[\w-]+\.ts$/.test(entryName)) {
  console.error('usage: node pipeline/run.mjs <entry>.ts [arguments…]');
  process.exit(2);
}
const entry = join(PIPELINE_DIR, entryName);
// The entry reads its arguments from process.argv.slice(2), as if it were run directly.
process.argv.splice(2, process.argv.length - 2, ...args);
const file = await bundle(entry, PIPELINE_DIR);
if (file) {
  // Compiled with V8's code cache. Once a build is done, the code it compiled is saved for the
  // next run if the cache was missing or out of date (see loadCommonJs in bundle.mjs).
  const loaded = loadCommonJs(fileURLToPath(file));
  const { saveCodeCache } = await loaded.exports.done;
  if (saveCodeCache) loaded.saveCache();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
