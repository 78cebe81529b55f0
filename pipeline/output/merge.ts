/**
 * The files of the new output folder. A full build holds exactly what it made, plus the previous
 * briefing of any area that failed; a partial build (some areas, one shard, or one part) keeps
 * every previous file it did not remake.
 */
import type { OutputFile } from '../types.ts';
import { MANIFEST_PATH } from './manifest.ts';

export function mergeOutputs(
  previous: OutputFile[],
  fresh: OutputFile[],
  keep: 'all' | string[],
): OutputFile[] {
  const made = new Set(fresh.map((f) => f.path));
  const kept = previous.filter(
    (f) =>
      f.path !== MANIFEST_PATH && !made.has(f.path) && (keep === 'all' || keep.includes(f.path)),
  );
  return [...fresh, ...kept].sort((a, b) => (a.path < b.path ? -1 : 1));
}
