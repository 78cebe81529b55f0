/**
 * `npm run distribute`: send each recipient their briefing (a dry run unless --send and
 * --approve are given). Exit codes: 0 success or nothing to send, 1 invalid input, a build that
 * was not approved or a message not delivered, 2 usage error, 3 internal error. In CI the outcome,
 * or every located problem, also goes to the job summary ($GITHUB_STEP_SUMMARY), redacted.
 */
import { parseDistributeCli } from './distribute/args.ts';
import { DISTRIBUTE_HELP } from './distribute/help.ts';
import { redactor, secretsOf } from './distribute/secrets.ts';
import { jobSummary, summarise } from './distribute/summary.ts';
import {
  EXIT,
  exitCodeFor,
  formatError,
  formatProblem,
  PipelineError,
  ValidationFailed,
} from './errors.ts';
import { appendStepSummary, failureMarkdown } from './step-summary.ts';

const MAX_PROBLEMS = 25;

function printFailure(error: unknown, debug: boolean, redact: (text: string) => string): void {
  // Everything printed passes through redact(): an error could quote the SMTP_URL.
  const say = (text: string) => console.error(redact(text));
  if (error instanceof ValidationFailed) {
    const n = error.problems.length;
    say(`The input is not valid (${n} problem${n === 1 ? '' : 's'}):\n`);
    for (const p of error.problems.slice(0, MAX_PROBLEMS)) say(`${formatProblem(p)}\n`);
    if (n > MAX_PROBLEMS) say(`…and ${n - MAX_PROBLEMS} more.\n`);
    say('Nothing was sent.');
  } else if (error instanceof PipelineError) {
    say(formatError(error));
    if (error.code !== 'USAGE') say('Nothing was sent.');
  } else {
    const text = error instanceof Error ? error.message : String(error);
    say(`Unexpected error: ${text}`);
    say(
      debug
        ? String((error as Error)?.stack ?? error)
        : 'This is a bug in the pipeline. Run again with --debug to see the stack trace, and report it.',
    );
  }
}

/** Print a failure, and in CI put it in the job summary too; both redacted. */
function fail(error: unknown, debug: boolean, redact: (text: string) => string): number {
  printFailure(error, debug, redact);
  appendStepSummary(redact(failureMarkdown(error)));
  return exitCodeFor(error);
}

async function main(): Promise<number> {
  const redact = redactor(secretsOf(process.env.SMTP_URL));
  let cli;
  try {
    cli = parseDistributeCli(process.argv.slice(2), process.env);
  } catch (error) {
    // A usage error in CI is most often a missing SMTP_URL or MAIL_FROM: the summary says so.
    return fail(error, false, redact);
  }
  if (cli.help) {
    console.log(DISTRIBUTE_HELP);
    return EXIT.ok;
  }
  const { options } = cli;
  try {
    console.log(
      options.check
        ? 'Checking the recipients…'
        : options.send
          ? 'Sending the briefings…'
          : 'Preparing the briefings (dry run)…',
    );
    // Loaded only now, so --help and usage errors answer at once.
    const { distribute } = await import('./distribute/run.ts');
    const result = await distribute(options, {
      log: (line) => console.log(redact(line)),
      redact,
      now: () => new Date(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    for (const line of summarise(result, options)) console.log(redact(line));
    appendStepSummary(redact(jobSummary(result, options)));
    const undelivered = result.kind === 'sent' ? result.result.failed.length : 0;
    return undelivered ? EXIT.invalidInput : EXIT.ok;
  } catch (error) {
    return fail(error, cli.debug, redact);
  }
}

/** Settles when the command is done (see cli.ts; distributing saves no code cache). */
export const done: Promise<{ saveCodeCache: boolean }> = main().then((code) => {
  process.exitCode = code;
  return { saveCodeCache: false };
});
