/**
 * One build at a time per output folder. The lock is a directory (`out.lock`, made atomically by
 * mkdir) holding the owner's process id. A lock whose owner is no longer running (a build that
 * was killed) is taken over at once; a live owner is waited for. Unlike a lock that expires by
 * age, a busy build is never mistaken for a dead one.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

interface Owner {
  pid: number;
  host: string;
}

function alive(owner: Owner): boolean {
  // A lock from another machine cannot be checked here: treat it as held.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock with no owner file after this long was left by a build killed while taking it. */
const UNOWNED_STALE_MS = 10_000;

async function olderThan(path: string, ms: number): Promise<boolean> {
  const made = await stat(path).then(
    (s) => s.mtimeMs,
    () => Date.now(),
  );
  return Date.now() - made > ms;
}

async function owner(lockDir: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** Try once: the release function if this process now holds the lock, or undefined if another live build does. */
export async function tryLock(lockDir: string): Promise<(() => Promise<void>) | undefined> {
  try {
    await mkdir(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const held = await owner(lockDir);
    // No readable owner file: another build is between mkdir and writing it (a matter of
    // milliseconds), or was killed there, which shows as a lock older than that.
    if (!held ? !(await olderThan(lockDir, UNOWNED_STALE_MS)) : alive(held)) return undefined;
    await rm(lockDir, { recursive: true, force: true });
    return tryLock(lockDir);
  }
  await writeFile(
    join(lockDir, 'owner.json'),
    JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner),
  );
  return () => rm(lockDir, { recursive: true, force: true });
}
