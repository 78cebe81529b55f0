/**
 * Command line: argv and environment → options, run the build, print the outcome. The only
 * process.exit. Exit codes: 0 success, 1 invalid input, 2 usage error, 3 internal error.
 */
import { build } from './build.ts';
import { HELP, parseCli } from './cli-args.ts';
import { FileBuildEffects, type BuildEvent } from './effects.ts';
import {
  EXIT,
  exitCodeFor,
  formatError,
  formatProblem,
  PipelineError,
  ValidationFailed,
} from './errors.ts';

const MAX_PROBLEMS = 25;

function printEvent(event: BuildEvent): void {
  if (event.type === 'stage')
    console.log(`  ${event.stage.padEnd(9)} ${event.ms.toFixed(0).padStart(6)} ms`);
  else if (event.type === 'warning') console.warn(`  warning: ${event.text}`);
  else console.log(event.text);
}

function printFailure(error: unknown, debug: boolean): void {
  if (error instanceof ValidationFailed) {
    console.error(
      `The input is not valid (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):\n`,
    );
    for (const problem of error.problems.slice(0, MAX_PROBLEMS))
      console.error(`${formatProblem(problem)}\n`);
    if (error.problems.length > MAX_PROBLEMS)
      console.error(`…and ${error.problems.length - MAX_PROBLEMS} more.\n`);
    console.error('Nothing was written: out/ still holds the previous build.');
  } else if (error instanceof PipelineError) {
    console.error(formatError(error));
    if (debug && error.cause) console.error(error.cause);
    if (error.code !== 'USAGE')
      console.error('Nothing was written: out/ still holds the previous build.');
  } else {
    console.error(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    console.error(
      debug
        ? error
        : 'This is a bug in the pipeline. Run again with --debug to see the stack trace, and report it.',
    );
  }
}

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    printFailure(error, false);
    return exitCodeFor(error);
  }
  if (cli.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const logger = cli.quiet
    ? (e: BuildEvent) => void (e.type === 'warning' && printEvent(e))
    : printEvent;
  try {
    if (!cli.quiet) console.log('Building the briefing…');
    const result = await build(cli.options, new FileBuildEffects(process.cwd(), cli.out, logger));
    if (!cli.quiet)
      console.log(
        `Wrote ${result.files.length} files to ${cli.out}/ (${result.warnings} warning${result.warnings === 1 ? '' : 's'}).`,
      );
    return EXIT.ok;
  } catch (error) {
    printFailure(error, cli.debug);
    return exitCodeFor(error);
  }
}

process.exitCode = await main();
