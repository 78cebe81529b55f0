/** Run the real command line as a child process, in a project folder. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT } from './project.ts';

const run = promisify(execFile);
export const TSX = join(PROJECT, 'node_modules', '.bin', 'tsx');
export const CLI = join(PROJECT, 'pipeline', 'cli.ts');

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
    const { stdout, stderr } = await run(TSX, [CLI, 'build', ...args], {
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
  return spawn(TSX, [CLI, 'build', '--quiet', ...args], {
    cwd: root,
    env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH, ...env },
    stdio: 'ignore',
    detached: true,
  });
}
