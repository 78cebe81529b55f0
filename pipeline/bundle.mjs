// The pipeline as plain JavaScript. Run through tsx, every TypeScript module is resolved and
// transpiled through a loader thread at start-up: about a second of CPU for the main thread and
// again for each worker thread. So an entry point and the modules it imports are bundled once
// with esbuild (the compiler tsx itself uses) into node_modules/.cache/briefing/, named by the
// hash of the sources and of the installed packages: a change to either gives a new folder, an
// unchanged one is reused. Plain JavaScript, so that the launcher (run.mjs) can use it before any
// loader exists.
//
// The libraries are bundled too. Node loads each ES module file on its own (resolve, read,
// compile, link), and Vega alone is some hundreds of files: loading Vega, Vega-Lite, pdfkit and
// the rest took about 0.8 s of CPU per thread from node_modules, and about 0.35 s from one file.
// Packages that cannot be bundled (native code, or code that starts threads from its own files)
// stay external and load from node_modules, which is why the bundle lives inside the project.
//
// A bundle is one CommonJS file, so that loadCommonJs() can compile it with V8's code cache (a
// module file cannot use one in Node 20). What the entry imports with import() is wrapped to be
// run only when it is imported: the command line starts the worker threads before the renderer
// sets up Vega, pdfkit and the rest.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

/** Bundles of an entry older than this are removed when a new one is written. */
const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Packages loaded from node_modules rather than bundled: sharp (native code), piscina (starts
 * its worker threads from its own files), the build tools, and nodemailer (only `distribute`
 * uses it, and it loads parts of itself by name).
 */
const EXTERNAL = ['sharp', 'piscina', 'esbuild', 'tsx', 'nodemailer'];

/**
 * Bundle `entry` (an absolute path to a .ts file under `pipelineDir`) and return the bundle's
 * file URL, or undefined if it cannot be made (the caller then loads the TypeScript with tsx).
 * In the bundle, `__PIPELINE_DIR__` is the absolute path of the pipeline's source folder, and
 * `import.meta.url` the bundle's own location.
 */
export async function bundle(entry, pipelineDir) {
  try {
    const cache = join(pipelineDir, '..', 'node_modules', '.cache', 'briefing');
    const name = basename(entry).replace(/\.ts$/, '');
    // Named by a hash of every source file, so an unchanged pipeline starts without esbuild.
    const dir = join(cache, `${name}-${sourceHash(entry, pipelineDir)}`);
    const file = join(dir, `${name}.cjs`);
    if (await exists(file)) return pathToFileURL(file).href;
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      outdir: dir,
      entryNames: '[name]',
      outExtension: { '.js': '.cjs' },
      external: EXTERNAL,
      plugins: [ownLocation, noNodeCanvas],
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // A script run by loadCommonJs() has no module loader for import(): import() of an
      // external package (sharp) becomes require().
      supported: { 'dynamic-import': false },
      define: {
        __PIPELINE_DIR__: JSON.stringify(pipelineDir),
        'import.meta.url': '__bundleUrl',
      },
      banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
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
 * A bundled library that finds its own files (pdfkit its standard fonts and colour profile) from
 * `import.meta.url`, `__dirname` or `__filename` still finds them where it is installed: those
 * name its own file, not the bundle.
 */
const ownLocation = {
  name: 'own-location',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!/import\.meta\.url|__dirname|__filename/.test(source)) return undefined;
      const url = JSON.stringify(pathToFileURL(path).href);
      const text = source.replaceAll('import.meta.url', url);
      const cjs = /__dirname|__filename/.test(text)
        ? `var __filename = ${JSON.stringify(path)}, __dirname = ${JSON.stringify(dirname(path))};\n`
        : '';
      return { contents: cjs + text, loader: 'js', resolveDir: dirname(path) };
    });
  },
};

/**
 * Vega looks for the native `canvas` package with a top-level await, which a CommonJS bundle
 * cannot hold. The pipeline never lets Vega make a canvas (it draws into a recorder of its own,
 * charts/recorder.ts, and measures text with the embedded fonts), and `canvas` is not installed:
 * in the CommonJS bundle, Vega is told at once that there is none.
 */
const noNodeCanvas = {
  name: 'no-node-canvas',
  setup(build) {
    build.onLoad({ filter: /[\\/]vega-canvas[\\/]build[\\/]vega-canvas\.node\.js$/ }, () => ({
      contents: 'export const canvas = () => null;\nexport const image = () => null;\n',
      loader: 'js',
    }));
  },
};

/**
 * Run a CommonJS bundle with V8's code cache. V8 compiles JavaScript as it first runs it, and a
 * thread that loads and warms up the pipeline compiles a good part of Vega, pdfkit and fontkit.
 * The cache (`<bundle>.v8cache`, beside it) holds that compiled code. `saveCache()`, called once
 * the thread has warmed up, writes it if there was none or V8 turned it down (as it does when the
 * source or V8's flags differ), so the next build compiles only what the cache lacks.
 */
export function loadCommonJs(file) {
  const cacheFile = `${file}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  // Node sets cachedDataRejected only when it was given a cache to use.
  const cacheUsed = script.cachedDataRejected === false;
  return {
    exports: module.exports,
    cacheUsed,
    saveCache() {
      if (cacheUsed) return;
      // Written aside and renamed, so a build starting meanwhile never reads half a cache.
      const temporary = `${cacheFile}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        rmSync(temporary, { force: true });
      }
    },
  };
}

/**
 * A hash of the entry, the folder, the path and content of every source file in it, and the
 * installed packages (npm's record of node_modules), which the bundle holds too. Read
 * synchronously: a few milliseconds, which must not wait for an event loop that the main thread
 * keeps busy loading libraries (the worker threads start only once their bundle is known).
 */
function sourceHash(entry, pipelineDir) {
  const hash = createHash('sha256').update(`${entry}\0${pipelineDir}\0${process.version}\0`);
  const files = readdirSync(pipelineDir, { recursive: true })
    .filter((f) => /\.(ts|mts|mjs|js|json)$/.test(f))
    .sort();
  for (const f of files) hash.update(`${f}\0`).update(readFileSync(join(pipelineDir, f)));
  const installed = join(pipelineDir, '..', 'node_modules', '.package-lock.json');
  hash.update(existsSync(installed) ? readFileSync(installed) : '');
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
