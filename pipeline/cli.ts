/**
 * Command line: argv and environment → options, run the build, report the outcome. Exit codes:
 * 0 success, 1 invalid input or a briefing that failed, 2 usage error, 3 internal error.
 */
import { AreaPool } from './batch/pool.ts';
import type { BuildResult } from './build.ts';
import { merge } from './merge.ts';
import { HELP, parseCli } from './cli-args.ts';
import { FileBuildEffects } from './effects.ts';
import {
  EXIT,
  exitCodeFor,
  formatError,
  formatProblem,
  PipelineError,
  ValidationFailed,
} from './errors.ts';
import { createReporter, type OutputMode } from './progress.ts';
import { appendStepSummary, failureMarkdown } from './step-summary.ts';

const MAX_PROBLEMS = 25;

/** Whether this run built all the briefings (for the code cache, see `done`). */
let built = false;

function printFailure(error: unknown, debug: boolean, mode: OutputMode, out = 'out'): void {
  const kept = `Nothing was written: ${out}/ still holds the previous build.`;
  if (mode === 'json') {
    const problems =
      error instanceof ValidationFailed
        ? error.problems
        : error instanceof PipelineError
          ? [{ code: error.code, message: error.message, at: error.at, hint: error.hint }]
          : [{ code: 'INTERNAL', message: String((error as Error)?.message ?? error) }];
    console.log(JSON.stringify({ type: 'error', problems }));
    return;
  }
  if (error instanceof ValidationFailed) {
    console.error(
      `The input is not valid (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}):\n`,
    );
    for (const problem of error.problems.slice(0, MAX_PROBLEMS))
      console.error(`${formatProblem(problem)}\n`);
    if (error.problems.length > MAX_PROBLEMS)
      console.error(`…and ${error.problems.length - MAX_PROBLEMS} more.\n`);
    console.error(kept);
  } else if (error instanceof PipelineError) {
    console.error(formatError(error));
    if (debug && error.cause) console.error(error.cause);
    // Where the output folder itself is the problem, there is no previous build to speak of.
    if (error.code === 'OUTPUT_NOT_A_FOLDER' || error.code === 'OUTPUT_UNWRITABLE')
      console.error('Nothing was written.');
    else if (error.code !== 'USAGE') console.error(kept);
  } else {
    console.error(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    console.error(
      debug
        ? error
        : 'This is a bug in the pipeline. Run again with --debug to see the stack trace, and report it.',
    );
  }
}

function summarise(result: BuildResult, out: string, ms: number): string[] {
  const pdfs = result.files.filter((f) => f.path.endsWith('.pdf')).length;
  const lines = [
    `Wrote ${result.files.length} files (${pdfs} PDF briefings) to ${out}/ in ${(ms / 1000).toFixed(1)} s, with ${result.warnings} warning${result.warnings === 1 ? '' : 's'}.`,
  ];
  for (const f of result.failed)
    lines.push(
      `Failed: ${f.name}: ${f.file} ${f.code}: ${f.message} (its previous briefing was kept).`,
    );
  return lines;
}

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    printFailure(error, false, 'human');
    return exitCodeFor(error);
  }
  if (cli.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const reporter = createReporter(cli.output, process.stdout, process.stderr, process.env);
  const start = performance.now();
  try {
    if (cli.merge) {
      const merged = await merge(
        cli.merge,
        new FileBuildEffects(process.cwd(), cli.out, (e) => reporter.event(e)),
      );
      appendStepSummary(
        `### ✅ Merged ${cli.merge.length} builds into ${cli.out}/: ${merged.files.length} files`,
      );
      reporter.summary(
        [`Merged ${cli.merge.length} builds into ${cli.out}/: ${merged.files.length} files.`],
        { files: merged.files.length, parts: cli.merge.length },
      );
      return EXIT.ok;
    }
    // The worker threads start first, so they load their code while this thread loads the
    // renderer's libraries (build.ts is imported only now) and validates the input.
    const started = cli.check
      ? undefined
      : AreaPool.for(cli.options, { templateDir: cli.options.templateDir });
    // Started, not just asked for: while this thread loads the libraries it has no time to
    // spare for the pool's own start-up steps.
    await started?.catch(() => undefined);
    const { build, check } = await import('./build.ts').catch(async (error: unknown) => {
      // Until build() owns them, the workers are this function's to stop.
      await (await started?.catch(() => undefined))?.destroy();
      throw error;
    });
    if (cli.check) {
      const { warnings } = await check(
        cli.options,
        new FileBuildEffects(process.cwd(), cli.out, (e) => reporter.event(e)),
      );
      appendStepSummary(
        `### ✅ Every input is valid, with ${warnings} warning${warnings === 1 ? '' : 's'}`,
      );
      reporter.summary(
        [
          `Every input is valid, with ${warnings} warning${warnings === 1 ? '' : 's'}. Nothing was written.`,
        ],
        { warnings },
      );
      return EXIT.ok;
    }
    if (cli.output === 'human') console.log('Building the briefings…');
    const result = await build(
      cli.options,
      new FileBuildEffects(process.cwd(), cli.out, (e) => reporter.event(e)),
      started,
    );
    // A full build ran all of the pipeline's code (a build of some areas, or of one part, ran
    // less, and its cache would stand for the whole bundle).
    built =
      cli.options.only === 'all' &&
      cli.options.areas.length === 0 &&
      cli.options.shard === undefined;
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage();
    reporter.summary(summarise(result, cli.out, wallMs), {
      files: result.files.length,
      briefings: result.files.filter((f) => f.path.endsWith('.pdf')).length,
      warnings: result.warnings,
      failed: result.failed,
      wallMs: Math.round(wallMs),
      // CPU of every thread of the process (workers included), and its peak memory.
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    });
    appendStepSummary(
      [
        result.failed.length ? '### ❌ Some briefings failed' : '### ✅ Built',
        '',
        ...summarise(result, cli.out, wallMs),
      ].join('\n'),
    );
    if (result.failed.length && cli.output !== 'json')
      for (const f of result.failed) console.error(`${f.file} ${f.code}: ${f.name}: ${f.message}`);
    return result.failed.length ? EXIT.invalidInput : EXIT.ok;
  } catch (error) {
    printFailure(error, cli.debug, cli.output, cli.out);
    appendStepSummary(failureMarkdown(error));
    return exitCodeFor(error);
  }
}

/**
 * Settles when the command is done. A full build has then run nearly all of the pipeline's code,
 * so the launcher (run.mjs) may save the code V8 compiled as the bundle's code cache; a check has
 * run only the validation, and a cache saved then would stand for the whole bundle.
 */
export const done: Promise<{ saveCodeCache: boolean }> = main().then((code) => {
  process.exitCode = code;
  return { saveCodeCache: built };
});
