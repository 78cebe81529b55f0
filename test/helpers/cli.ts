/** Run the real command line as a child process, in a project folder. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT } from './project.ts';

const run = promisify(execFile);
/** The launcher `npm run build:report` uses: node, pipeline/run.mjs, then the entry point. */
export const NODE = process.execPath;
export const RUN = join(PROJECT, 'pipeline', 'run.mjs');
export const CLI = 'cli.ts';

/** 23 November 2026, 00:00 UTC. */
export const EPOCH = '1795392000';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  root: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(NODE, [RUN, CLI, 'build', ...args], {
      cwd: root,
      env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Start the command line without waiting, for tests that kill it. */
export function startCli(
  root: string,
  env: NodeJS.ProcessEnv = {},
  args: string[] = [],
): ChildProcess {
  return spawn(NODE, [RUN, CLI, 'build', '--quiet', ...args], {
    cwd: root,
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env },
    stdio: 'ignore',
    detached: true,
  });
}
