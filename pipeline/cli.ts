/**
 * Command line: argv and environment → options, run the build, print the outcome. The only
 * process.exit. Exit codes: 0 success, 1 invalid input, 2 usage error, 3 internal error.
 */
import { parseArgs } from 'node:util';
import { build, DEFAULT_OPTIONS, type BuildOptions } from './build.ts';
import { FileBuildEffects, type BuildEvent } from './effects.ts';
import {
  EXIT,
  exitCodeFor,
  formatError,
  formatProblem,
  PipelineError,
  ValidationFailed,
} from './errors.ts';
import * as msg from './messages/index.ts';

const HELP = `Usage: npm run build:report -- [options]

Builds the briefing PDF and HTML summary from data/ into out/.

Options:
  --strict            treat validation warnings as errors
  --data <dir>        data folder (default: data)
  --templates <dir>   templates folder (default: templates)
  --out <dir>         output folder (default: out)
  --quiet             print errors only
  --debug             print stack traces of unexpected errors
  -h, --help          show this help

Environment:
  SOURCE_DATE_EPOCH   seconds since 1970; sets the briefing date for reproducible builds
`;

const MAX_PROBLEMS = 25;

function usageError(reason: string): PipelineError {
  const def = msg.usage(reason);
  return new PipelineError(def.code, def.message, { file: 'command line' }, def.hint);
}

/** SOURCE_DATE_EPOCH → ISO date (UTC), or undefined when unset. */
export function dateFromEpoch(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value))
    throw usageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${value}"`);
  return new Date(Number(value) * 1000).toISOString().slice(0, 10);
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        strict: { type: 'boolean', default: false },
        data: { type: 'string' },
        templates: { type: 'string' },
        out: { type: 'string', default: 'out' },
        quiet: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const [command = 'build', ...rest] = parsed.positionals;
  if (command !== 'build' || rest.length)
    throw usageError(`unknown command "${[command, ...rest].join(' ')}"`);
  const date = dateFromEpoch(env.SOURCE_DATE_EPOCH);
  const options: BuildOptions = {
    ...DEFAULT_OPTIONS,
    strict: parsed.values.strict,
    ...(parsed.values.data ? { dataDir: parsed.values.data } : {}),
    ...(parsed.values.templates ? { templateDir: parsed.values.templates } : {}),
    ...(date ? { date } : {}),
  };
  return {
    options,
    out: parsed.values.out,
    quiet: parsed.values.quiet,
    debug: parsed.values.debug,
    help: parsed.values.help,
  };
}

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
