/**
 * What a build is asked to do, and the defaults. Kept apart from build.ts so the command line can
 * read its arguments without loading the renderer.
 */
import type { Shard } from './batch/select.ts';

export interface BuildOptions {
  dataDir: string;
  templateDir: string;
  /** Treat validation warnings as errors. */
  strict: boolean;
  /** Briefing date (ISO) from SOURCE_DATE_EPOCH, if set. */
  date?: string;
  /** Build the national briefing, the area briefings, or both. */
  only: 'all' | 'national' | 'areas';
  /** Build only these areas (names or codes); empty for all. */
  areas: string[];
  /** Build only this share of the areas, for a CI matrix. */
  shard?: Shard;
  /** Worker threads for the area briefings. */
  jobs: number;
  /** Where distribution keeps the snapshot of the last distributed build (last-sent.json). */
  stateDir: string;
}

export const DEFAULT_OPTIONS: BuildOptions = {
  dataDir: 'data',
  templateDir: 'templates',
  strict: false,
  only: 'all',
  areas: [],
  jobs: 1,
  stateDir: 'state',
};
