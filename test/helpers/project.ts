/** Run the real pipeline on a copy of the project's data and templates in a temporary folder. */
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, DEFAULT_OPTIONS, type BuildOptions } from '../../pipeline/build.ts';
import { NATIONAL_CHART_IDS } from '../../pipeline/charts/specs/national.ts';
import { FileBuildEffects, type BuildEvent } from '../../pipeline/effects.ts';
import { validate } from '../../pipeline/stages/validate.ts';
import type { InputFile, ValidDataset } from '../../pipeline/types.ts';

export const PROJECT = join(import.meta.dirname, '..', '..');

/** Where the test run keeps its temporary projects (set by global-setup.ts, which removes it). */
export const TEST_TMP = 'BRIEFING_TEST_TMP';

/** A temporary project folder holding copies of data/ and templates/. */
export async function copyProject(): Promise<string> {
  const root = await mkdtemp(join(process.env[TEST_TMP] ?? tmpdir(), 'briefing-test-'));
  await cp(join(PROJECT, 'data'), join(root, 'data'), { recursive: true });
  await cp(join(PROJECT, 'templates'), join(root, 'templates'), { recursive: true });
  return root;
}

export interface BuildRun {
  events: BuildEvent[];
  effects: FileBuildEffects;
}

export async function buildIn(
  root: string,
  options: Partial<BuildOptions> = {},
  out = 'out',
): Promise<BuildRun> {
  const events: BuildEvent[] = [];
  const effects = new FileBuildEffects(root, out, (e) => events.push(e));
  await build({ ...DEFAULT_OPTIONS, date: '2026-11-23', jobs: 2, ...options }, effects);
  return { events, effects };
}

let realInputs: Promise<InputFile[]> | undefined;

/** The project's own data and templates, read once per test file. */
export function projectInputs(): Promise<InputFile[]> {
  realInputs ??= new FileBuildEffects(PROJECT, 'out').readInputs(['data', 'templates']);
  return realInputs;
}

export const VALIDATE_OPTIONS = {
  dataDir: 'data',
  contentDir: 'data/bcf',
  templateDir: 'templates/bcf',
  charts: NATIONAL_CHART_IDS,
  strict: false,
  date: '2026-11-23',
};

let validCache: Promise<ValidDataset> | undefined;

/** The real data, validated once per test file. */
export function realValid(): Promise<ValidDataset> {
  validCache ??= projectInputs().then((files) => validate({ files }, VALIDATE_OPTIONS));
  return validCache;
}

export const readText = (path: string): Promise<string> => readFile(path, 'utf8');

/** Give a project copy a previous build: a copy of `fromRoot`'s output, linked as `out`. */
export async function seedOutput(root: string, fromRoot: string): Promise<void> {
  const { realpath, symlink } = await import('node:fs/promises');
  await cp(await realpath(join(fromRoot, 'out')), join(root, '.out-out-seed'), { recursive: true });
  await symlink('.out-out-seed', join(root, 'out'));
}

/** sha256 of every file under `dir`, keyed by relative path. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const { createHash } = await import('node:crypto');
  const { readdir } = await import('node:fs/promises');
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) =>
    e.isFile(),
  );
  const out: Record<string, string> = {};
  for (const e of entries) {
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length + 1)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return Object.fromEntries(Object.entries(out).sort());
}
