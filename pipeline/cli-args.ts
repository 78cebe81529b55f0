/** Command-line arguments and environment → build options. Pure, so tests can call it. */
import { parseArgs } from 'node:util';
import { DEFAULT_OPTIONS, type BuildOptions } from './build.ts';
import { PipelineError } from './errors.ts';
import * as msg from './messages/index.ts';

export const HELP = `Usage: npm run build:report -- [options]

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
