/**
 * out/manifest.json: every output file with its size and sha256, every input with its sha256,
 * and the versions of node and the main libraries. Sorted and free of timestamps, so two builds
 * of the same inputs give the same bytes.
 */
import { createHash } from 'node:crypto';
import type { OutputFile } from '../types.ts';
import type { WrittenFile } from './staging.ts';

export const MANIFEST_PATH = 'manifest.json';

export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

export interface Manifest {
  briefing: string;
  date: string;
  outputs: { path: string; bytes: number; sha256: string }[];
  inputs: { path: string; sha256: string }[];
  versions: Record<string, string>;
}

const byPath = <T extends { path: string }>(a: T, b: T): number =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

export function buildManifest(
  briefing: { id: string; date: string },
  outputs: WrittenFile[],
  inputs: { path: string; sha256: string }[],
  versions: Record<string, string>,
): OutputFile {
  const manifest: Manifest = {
    briefing: briefing.id,
    date: briefing.date,
    outputs: outputs.filter((f) => f.path !== MANIFEST_PATH).sort(byPath),
    inputs: [...inputs].sort(byPath),
    versions,
  };
  return {
    path: MANIFEST_PATH,
    bytes: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
  };
}
