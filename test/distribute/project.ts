/**
 * A project folder for the distribution tests: a copy of data/ and templates/ with its own
 * recipients, and a copy of the build made once by test/global-setup.ts as its out/. The real
 * `npm run distribute` runs in it as a child process.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import type { CliResult } from '../helpers/cli.ts';
import { NODE, RUN } from '../helpers/cli.ts';
import { copyProject, seedOutput } from '../helpers/project.ts';

const run = promisify(execFile);
export const DISTRIBUTE_CLI = 'distribute-cli.ts';

export const RECIPIENTS = {
  ada: { email: 'ada.example@example.org', report: 'national', pdf: 'bcf-briefing.pdf' },
  ben: { email: 'ben.example@example.gov.uk', report: 'barnet', pdf: 'areas/barnet.pdf' },
  cleo: { email: 'cleo.example@example.gov.uk', report: 'derby', pdf: 'areas/derby.pdf' },
} as const;

export const STAKEHOLDERS = [
  'name,email,organisation,report',
  'Ada Example,ada.example@example.org,Example Health Foundation,national',
  'Ben Example,ben.example@example.gov.uk,Barnet Council (example),Barnet',
  'Cleo Example,cleo.example@example.gov.uk,Derby City Council (example),E06000015',
  '',
].join('\n');

export const MAIL_FROM = 'Briefing team <briefings@example.org>';

/** Folders made by this file's tests; a project copy holds a whole build, so they go afterwards. */
const made: string[] = [];

/**
 * A project copy with the test recipients and a copy of the shared build as out/, without the
 * build's change report and figures: the tests that need them write their own.
 */
export async function distributionProject(stakeholders = STAKEHOLDERS): Promise<string> {
  const root = await copyProject();
  made.push(root);
  await seedOutput(root, inject('builtRoot'));
  await writeFile(join(root, 'data', 'stakeholders.csv'), stakeholders);
  for (const name of ['changes.md', 'changes.json', 'figures.json'])
    await rm(join(root, 'out', name), { force: true });
  return root;
}

export async function newStateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'briefing-state-'));
  made.push(dir);
  return dir;
}

export async function removeProjects(): Promise<void> {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
}

export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/** sha256 of out/manifest.json: what --approve names. */
export const manifestHash = async (root: string): Promise<string> =>
  sha256(await readFile(join(root, 'out', 'manifest.json')));

/** The manifest's sha256 for one output file. */
export async function outputSha(root: string, path: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(root, 'out', 'manifest.json'), 'utf8')) as {
    outputs: { path: string; sha256: string }[];
  };
  return manifest.outputs.find((o) => o.path === path)!.sha256;
}

/**
 * Stand in for a rebuild of the same data on a later date, which changes every PDF's bytes (the
 * date is printed in it) but no report's content: the manifest lists the new sha256s and the
 * date, and changes.json marks every report unchanged since the last distributed build.
 */
export async function rebuildUnchanged(root: string, date: string): Promise<void> {
  const out = join(root, 'out');
  const manifestFile = join(out, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
    date: string;
    outputs: { path: string; bytes: number; sha256: string }[];
  };
  const reports = [];
  for (const output of manifest.outputs.filter((o) => o.path.endsWith('.pdf'))) {
    const file = join(out, output.path);
    const bytes = Buffer.concat([await readFile(file), Buffer.from(`%rebuilt ${date}\n`)]);
    await writeFile(file, bytes);
    Object.assign(output, { bytes: bytes.length, sha256: sha256(bytes) });
    const id = output.path.startsWith('areas/') ? basename(output.path, '.pdf') : 'national';
    reports.push({ id, status: 'unchanged', lines: ['No change since the briefing sent before.'] });
  }
  await writeFile(manifestFile, `${JSON.stringify({ ...manifest, date }, null, 2)}\n`);
  const summary = ['Nothing changed in any report: there is nothing new to send.'];
  await writeFile(join(out, 'changes.json'), JSON.stringify({ changed: false, summary, reports }));
}

/** The environment of a run: never the developer's own SMTP settings, nor CI's job summary. */
function envFor(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const base = { ...process.env };
  delete base.SMTP_URL;
  delete base.MAIL_FROM;
  delete base.GITHUB_STEP_SUMMARY;
  return { ...base, ...env };
}

export async function distribute(
  root: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(NODE, [RUN, DISTRIBUTE_CLI, ...args], {
      cwd: root,
      env: envFor(env),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Start a run without waiting, in its own process group so the test can kill all of it. */
export function startDistribute(
  root: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  return spawn(NODE, [RUN, DISTRIBUTE_CLI, ...args], {
    cwd: root,
    env: envFor(env),
    stdio: 'ignore',
    detached: true,
  });
}

/** The ledger's entries, in order. */
export async function ledgerOf(state: string): Promise<{ recipient: string; messageId: string }[]> {
  const text = await readFile(join(state, 'sent-ledger.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { recipient: string; messageId: string });
}
