/** The command line's options: how many renderers run at once, and how the build reports. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../pipeline/cli-args.ts';
import { PipelineError } from '../pipeline/errors.ts';

const parse = (...argv: string[]) => parseCli(argv, {});

describe('the command line', () => {
  it('renders on as many threads as the machine has cores, unless --jobs says otherwise', () => {
    expect(parse().options.jobs).toBe(availableParallelism());
    expect(parse('--jobs', '3').options.jobs).toBe(3);
    expect(parse('--jobs', '1').options.jobs).toBe(1);
    for (const bad of ['0', '-2', '1.5', 'many'])
      expect(() => parse('--jobs', bad), bad).toThrow(PipelineError);
  });

  it('reports as a person reads it by default, errors only with --quiet, and events with --json', () => {
    expect(parse().output).toBe('human');
    expect(parse('--quiet').output).toBe('quiet');
    expect(parse('--json').output).toBe('json');
  });
});
