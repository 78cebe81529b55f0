/** Messages about running the build: the command line, the output folder and internal stages. */
import type { MessageDef } from '../validate/problems.ts';

export const usage = (reason: string): MessageDef => ({
  code: 'USAGE',
  message: reason,
  hint: 'run `npm run build:report -- --help` to see the options',
});

export const outputLocked = (holder: string): MessageDef => ({
  code: 'OUTPUT_LOCKED',
  message: `another build is writing to this output folder (${holder})`,
  hint: 'wait for it to finish; if no build is running, the lock clears itself within a minute',
});
