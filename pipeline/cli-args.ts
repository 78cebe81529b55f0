/** Command-line arguments and environment → build options. Pure, so tests can call it. */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { Shard } from './batch/select.ts';
import { DEFAULT_OPTIONS, type BuildOptions } from './options.ts';
import { PipelineError } from './errors.ts';
import * as msg from './messages/index.ts';

/** A folder as given, without trailing slashes: "data/" → "data". */
const folder = (dir: string): string => dir.replace(/(.)\/+$/, '$1');

export const HELP = `Usage: npm run build:report -- [options]

Builds the national briefing and every local authority's briefing (PDF and HTML) from data/
into out/, with an index of the areas, a validation report, the key figures (figures.json),
what changed since the last distributed build (changes.md, changes.json) and a manifest.

What to build:
  --only <part>       national or areas (default: both)
  --area <name|code>  build only this area; repeat for more (all other files are kept)
  --shard <i/n>       build only the i-th of n equal shares of the areas, e.g. 2/4 (for a CI
                      matrix; all other files are kept)
  --jobs <n>          area briefings rendered at once: n-1 worker threads and the main thread
                      (default: number of cores)

Combining:
  --merge <dirs…>     merge the outputs of several builds (e.g. a CI matrix's shards and the
                      national briefing) into one output folder with one manifest

Checks:
  --check             validate every input (and the state file) and write nothing
                      (npm run validate)
  --strict            treat validation warnings as errors

Folders:
  --data <dir>        data folder (default: data)
  --templates <dir>   templates folder (default: templates)
  --out <dir>         output folder (default: out)
  --state <dir>       where npm run distribute keeps the key figures it last sent
                      (last-sent.json), to report what changed since (default: state)

Output:
  --quiet             print errors only
  --json              print one JSON event per line, for scripts
  --debug             print stack traces of unexpected errors
  -h, --help          show this help

Environment:
  SOURCE_DATE_EPOCH   seconds since 1970; sets the briefing date for reproducible builds
  CI                  when "true", print plain lines instead of a progress bar
`;

function usageError(reason: string, field?: string): PipelineError {
  const def = msg.usage(reason);
  return new PipelineError(
    def.code,
    def.message,
    { file: 'command line', ...(field ? { field } : {}) },
    def.hint,
  );
}

/** SOURCE_DATE_EPOCH → ISO date (UTC), or undefined when unset. */
export function dateFromEpoch(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value))
    throw usageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${value}"`);
  return new Date(Number(value) * 1000).toISOString().slice(0, 10);
}

/** "2/4" → the second of four shares. */
export function parseShard(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count)
    throw usageError(`--shard must be i/n with 1 ≤ i ≤ n, such as 1/4; got "${value}"`, '--shard');
  return { index, count };
}

function parseJobs(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw usageError(`--jobs must be a whole number of at least 1, got "${value}"`, '--jobs');
  return Number(value);
}

function parseOnly(value: string | undefined): BuildOptions['only'] {
  if (value === undefined) return 'all';
  if (value !== 'national' && value !== 'areas')
    throw usageError(`--only must be "national" or "areas", got "${value}"`, '--only');
  return value;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        strict: { type: 'boolean', default: false },
        only: { type: 'string' },
        area: { type: 'string', multiple: true, default: [] },
        shard: { type: 'string' },
        jobs: { type: 'string' },
        data: { type: 'string' },
        templates: { type: 'string' },
        state: { type: 'string' },
        out: { type: 'string', default: 'out' },
        quiet: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        merge: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        debug: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const [command = 'build', ...rest] = parsed.positionals;
  if (command !== 'build') throw usageError(`unknown command "${command}"`);
  if (rest.length && !parsed.values.merge)
    throw usageError(
      `unexpected "${rest.join(' ')}"; to merge outputs, give --merge and then the folders`,
    );
  if (parsed.values.merge && rest.length === 0)
    throw usageError('--merge needs the output folders to merge', '--merge');
  const v = parsed.values;
  const only = parseOnly(v.only);
  if (only === 'national' && (v.area.length || v.shard))
    throw usageError(
      '--area and --shard choose areas; they cannot be used with --only national',
      '--only',
    );
  const date = dateFromEpoch(env.SOURCE_DATE_EPOCH);
  const shard = parseShard(v.shard);
  const options: BuildOptions = {
    ...DEFAULT_OPTIONS,
    strict: v.strict,
    only,
    areas: v.area,
    jobs: parseJobs(v.jobs),
    ...(shard ? { shard } : {}),
    ...(v.data ? { dataDir: folder(v.data) } : {}),
    ...(v.templates ? { templateDir: folder(v.templates) } : {}),
    ...(v.state ? { stateDir: folder(v.state) } : {}),
    ...(date ? { date } : {}),
  };
  const output = v.json ? 'json' : v.quiet ? 'quiet' : 'human';
  return {
    options,
    out: v.out,
    output,
    debug: v.debug,
    help: v.help,
    check: v.check,
    merge: v.merge ? rest : undefined,
  } as const;
}
