/**
 * Once every recipient has this build's briefing, its key figures (out/figures.json, written by
 * the build) are kept as state/last-sent.json: the next build's change report compares with them.
 * Written to a temporary file, fsynced and renamed, so a crash leaves the old snapshot or the new.
 */
import { open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const FIGURES_FILE = 'figures.json';
export const LAST_SENT_FILE = 'last-sent.json';

/** Resolves to false when the build has no figures.json (nothing to keep). */
export async function saveLastSent(buildDir: string, stateDir: string): Promise<boolean> {
  const bytes = await readFile(join(buildDir, FIGURES_FILE)).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (!bytes) return false;
  const target = join(stateDir, LAST_SENT_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, target);
  const dir = await open(dirname(target), 'r');
  await dir.sync().finally(() => dir.close());
  return true;
}
