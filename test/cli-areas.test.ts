/** The batch options of the real command line: --area, --shard, --json, CI output, a failing area. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createReporter } from '../pipeline/progress.ts';
import { cli } from './helpers/cli.ts';
import { copyProject, seedOutput, snapshot } from './helpers/project.ts';

const NEW_DATE = { SOURCE_DATE_EPOCH: '1798761600' }; // 1 January 2027: every remade file differs.
const events = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; item?: string; ok?: boolean });

describe('building some areas', () => {
  it('--area remakes only the areas named (by name or code) and keeps every other file', async () => {
    const root = await copyProject();
    await seedOutput(root, inject('builtRoot'));
    const before = await snapshot(join(root, 'out'));
    const result = await cli(root, ['--area', 'Derby', '--area', 'E06000017', '--quiet'], NEW_DATE);
    expect(result.code, result.stderr).toBe(0);
    const after = await snapshot(join(root, 'out'));
    const changed = Object.keys(after)
      .filter((path) => after[path] !== before[path])
      .sort();
    expect(changed).toEqual([
      'areas/derby.html',
      'areas/derby.pdf',
      'areas/index.html',
      'areas/rutland.html',
      'areas/rutland.pdf',
      // The date of the key figures, and of the report of what changed since the last mailing.
      'changes.json',
      'figures.json',
      'manifest.json',
    ]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });

  it('--shard i/n splits the areas between runners, and --json reports each one as an event', async () => {
    const root = await copyProject();
    const first = events((await cli(root, ['--only', 'areas', '--shard', '1/2', '--json'])).stdout);
    const second = events(
      (await cli(root, ['--only', 'areas', '--shard', '2/2', '--json'])).stdout,
    );
    const areas = (list: ReturnType<typeof events>) =>
      list.filter((e) => e.type === 'progress').map((e) => e.item!);
    expect(areas(first)).toHaveLength(75);
    expect(areas(second)).toHaveLength(75);
    expect(new Set([...areas(first), ...areas(second)]).size).toBe(150);
    expect(first.at(-1)).toMatchObject({ type: 'summary', briefings: 75, failed: [] });
    expect(first.map((e) => e.type)).toEqual(
      expect.arrayContaining(['stage', 'progress', 'summary']),
    );
    // Two builds of 75 areas each: a whole batch's work, on a shared two-core machine.
  }, 180_000);

  it('prints one plain line per stage in CI, with a summary of timings', async () => {
    const root = await copyProject();
    const result = await cli(root, ['--only', 'areas', '--area', 'Derby'], { CI: 'true' });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\r');
    expect(result.stdout).toMatch(/^ {2}validate +[\d.]+ m?s$/m);
    expect(result.stdout).toMatch(/^ {2}areas +[\d.]+ m?s$/m);
    expect(result.stdout).toMatch(/Wrote \d+ files \(1 PDF briefings\) to out\/ in [\d.]+ s/);
  });
});

describe('an area that fails', () => {
  it('is named, the rest of the build completes, the exit code is 1, and its previous files are kept', async () => {
    const root = await copyProject();
    await seedOutput(root, inject('builtRoot'));
    const before = await snapshot(join(root, 'out'));
    // A template mistake that shows only for areas with a code change before April 2015 (all of them here).
    const template = join(root, 'templates/area/briefing.hbs');
    await writeFile(
      template,
      (await readFile(template, 'utf8')).replace(
        '{{area.codes}}',
        '{{area.codes}}{{area.missing}}',
      ),
    );
    const result = await cli(root, ['--area', 'Derby', '--area', 'Kent'], NEW_DATE);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/TEMPLATE_RENDER: Derby: /);
    expect(result.stderr).toMatch(/TEMPLATE_RENDER: Kent: /);
    const after = await snapshot(join(root, 'out'));
    for (const path of ['areas/derby.pdf', 'areas/derby.html', 'areas/kent.pdf'])
      expect(after[path]).toBe(before[path]);
    expect(after['areas/index.html']).not.toBe(before['areas/index.html']);
  });
});

describe('the progress bar', () => {
  it('draws a live bar with count, rate and time left in a terminal, and none in CI', () => {
    const written: string[] = [];
    const tty = { write: (t: string) => written.push(t), isTTY: true };
    let clock = 0;
    const reporter = createReporter('human', tty, tty, {}, () => (clock += 500));
    reporter.event({ type: 'progress', done: 1, total: 4, item: 'Derby', ok: true });
    reporter.event({ type: 'progress', done: 4, total: 4, item: 'Kent', ok: true });
    // The line starts by returning the cursor and clearing the line (ESC [2K), then draws the bar.
    expect(written[0]!.startsWith('\r\u001b[2K')).toBe(true);
    expect(written[0]!.slice(5)).toMatch(
      /^ {2}\[#{6}-{18}\] 1\/4 areas · [\d.]+\/s · \d+ s left · Derby$/,
    );
    expect(written.join('')).toContain('4/4 areas');
    const ci: string[] = [];
    const plain = { write: (t: string) => ci.push(t), isTTY: true };
    createReporter('human', plain, plain, { CI: 'true' }).event({
      type: 'progress',
      done: 1,
      total: 4,
      item: 'Derby',
      ok: true,
    });
    expect(ci).toEqual([]);
  });
});
