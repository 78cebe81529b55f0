/** Messages about running the build: the command line, the output folder and internal stages. */
import type { MessageDef } from '../validate/problems.ts';

export const usage = (reason: string): MessageDef => ({
  code: 'USAGE',
  message: reason,
  hint: 'run `npm run build:report -- --help` to see the options',
});

export const outputLocked = (holder: string, waitedSeconds: number): MessageDef => ({
  code: 'OUTPUT_LOCKED',
  message: `another build is still writing to this output folder (${holder}); waited ${waitedSeconds} s`,
  hint: 'wait for it to finish and run again; a lock left by a build that was killed clears itself within 10 seconds',
});
