/**
 * Build the real briefing once for all test files that only read its output (PDF structure,
 * HTML, accessibility). Tests that change inputs build their own copies.
 */
import type { TestProject } from 'vitest/node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIn, copyProject, TEST_TMP } from './helpers/project.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    builtRoot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Every temporary project of this run goes in one folder (the test workers inherit the
  // variable), removed when the run ends: a full build's copy is over 100 MB.
  const base = await mkdtemp(join(tmpdir(), 'briefing-test-run-'));
  process.env[TEST_TMP] = base;
  const root = await copyProject();
  await buildIn(root);
  project.provide('builtRoot', root);
  return () => rm(base, { recursive: true, force: true });
}
