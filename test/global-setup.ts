/**
 * Build the real briefing once for all test files that only read its output (PDF structure,
 * HTML, accessibility). Tests that change inputs build their own copies.
 */
import type { TestProject } from 'vitest/node';
import { buildIn, copyProject } from './helpers/project.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    builtRoot: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const root = await copyProject();
  await buildIn(root);
  project.provide('builtRoot', root);
}
