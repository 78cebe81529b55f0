/**
 * Before a build takes the lock: the output path must be a folder (or a link to one), or not
 * exist yet with a parent that can be made. Anything else is the person's to fix, so it is a
 * located PipelineError naming the path, never an internal error, and nothing is moved or deleted.
 */
import { lstat, mkdir, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { PipelineError } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { MessageDef } from '../validate/problems.ts';

const fail = (def: MessageDef, file: string): PipelineError => PipelineError.of(def, { file });

/** The path as the person wrote it, or relative to the project when outside what they wrote. */
const shown = (root: string, path: string): string => relative(root, path) || '.';

/** What is at `path`, following a link: a folder, something else, or nothing. */
async function what(path: string): Promise<'dir' | 'other' | 'missing'> {
  const found = await lstat(path).catch(() => undefined);
  if (!found) return 'missing';
  // A link (how a build leaves `out`) counts as what it points at; a dangling one is replaced.
  const target = found.isSymbolicLink() ? await stat(path).catch(() => undefined) : found;
  return !target ? 'missing' : target.isDirectory() ? 'dir' : 'other';
}

/** Why `dir` cannot be made: the nearest part of it that is a file, or the system's reason. */
async function whyNot(root: string, dir: string, error: NodeJS.ErrnoException): Promise<string> {
  for (let at = dir; at !== dirname(at); at = dirname(at)) {
    const k = await what(at);
    if (k === 'other') return `${shown(root, at)} is a file, not a folder`;
    if (k === 'dir') break;
  }
  if (error.code === 'EACCES' || error.code === 'EPERM') return `permission denied (${error.code})`;
  return error.message;
}

/** Refuse an output path that is a file; make its parent folder, or say why it cannot be made. */
export async function prepareOutputPath(root: string, outDir: string): Promise<void> {
  const target = resolve(root, outDir);
  if ((await what(target)) === 'other') throw fail(msg.outputNotAFolder(outDir), outDir);
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (error) {
    const reason = await whyNot(root, dirname(target), error as NodeJS.ErrnoException);
    throw fail(msg.outputUnwritable(outDir, reason), outDir);
  }
}
