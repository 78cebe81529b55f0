/**
 * Atomic replacement of the output folder. `out` is a symbolic link to a complete build folder
 * next to it (`.out-<id>`). A new build is written to its own folder, then a new link is renamed
 * over `out` in one step (rename(2) is atomic), so a reader or a killed build only ever sees the
 * complete old output or the complete new one. Failed or interrupted builds leave `out` as it was.
 */
import { lstat, readdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PipelineError } from '../errors.ts';
import * as msg from '../messages/index.ts';

export const PREFIX = '.out-';

async function kind(path: string): Promise<'link' | 'dir' | 'missing' | 'other'> {
  try {
    const stat = await lstat(path);
    return stat.isSymbolicLink() ? 'link' : stat.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

/** The build folder `out` points at now, if any. */
export async function currentBuildDir(outDir: string): Promise<string | undefined> {
  const k = await kind(outDir);
  if (k === 'dir') return outDir;
  if (k !== 'link') return undefined;
  return join(dirname(outDir), await readlink(outDir));
}

/** Remove build folders left by interrupted builds (never the one `out` points at). */
export async function removeStale(outDir: string): Promise<void> {
  const parent = dirname(outDir);
  const live = await currentBuildDir(outDir);
  const prefix = `${PREFIX}${basename(outDir)}-`;
  for (const name of await readdir(parent)) {
    if (name.startsWith(prefix) && join(parent, name) !== live)
      await rm(join(parent, name), { recursive: true, force: true });
  }
}

/** Make `staging` the output: a new link renamed over `out` in one step. */
export async function swapIn(outDir: string, staging: string): Promise<void> {
  const link = `${staging}.link`;
  await symlink(basename(staging), link);
  const k = await kind(outDir);
  // A file where the output folder should be is the person's, never moved aside or deleted
  // (checked before the build; this catches one that appeared while it ran).
  if (k === 'other') {
    await rm(link, { force: true });
    const def = msg.outputNotAFolder(outDir);
    throw PipelineError.of(def, { file: outDir });
  }
  if (k === 'dir') {
    // First build after `out` was a plain folder: move it aside, then link (not atomic, once only).
    const aside = `${staging}.old`;
    await rename(outDir, aside);
    await rename(link, outDir);
    await rm(aside, { recursive: true, force: true });
    return;
  }
  await rename(link, outDir);
}
