/**
 * The real command line, twice: a build a month ago (the data without March 2019) whose figures
 * were distributed, then this month's build. What changed is read from the data, not written here.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { copyProject } from '../helpers/project.ts';

const REASONS = 'data/dtoc/delayed-days-by-reason.csv';
const ORGS = 'data/dtoc/delayed-days-by-responsible-org.csv';
const A_MONTH_AGO = { SOURCE_DATE_EPOCH: '1792800000' }; // 24 October 2026

interface ChangesJson {
  changed: boolean;
  monthsAdded: string[];
  counts: Record<string, number>;
  reports: { id: string; status: string; lines: string[] }[];
}

/** Barnet's total delayed days in March 2019, straight from the CSV (last column but one). */
async function barnetMarch(root: string): Promise<number> {
  const row = (await readFile(join(root, REASONS), 'utf8'))
    .split('\n')
    .find((line) => line.includes('"Barnet"') && line.includes('"March 2019"'))!;
  return Number(row.split('","').at(-2));
}

/** The project as it stood a month ago: no March 2019, and the briefing citing 2017-18. */
async function aMonthAgo(root: string): Promise<void> {
  for (const file of [REASONS, ORGS]) {
    const text = await readFile(join(root, file), 'utf8');
    await writeFile(
      join(root, file),
      text
        .split('\n')
        .filter((line) => !line.includes('"March 2019"'))
        .join('\n'),
    );
  }
  const claims = join(root, 'data/bcf/claims.yaml');
  const yaml = await readFile(join(root, 'data/bcf/claims.yaml'), 'utf8');
  await writeFile(
    claims,
    yaml
      .replace(/dtoc-days-2018-19/g, 'dtoc-days-2017-18')
      .replace(
        'Delayed-transfer days in England, 2018-19',
        'Delayed-transfer days in England, 2017-18',
      )
      .replace('year: 2018-19 }', 'year: 2017-18 }'),
  );
  const template = join(root, 'templates/bcf/briefing.hbs');
  await writeFile(
    template,
    (await readFile(template, 'utf8')).replace(
      '{{fig "dtoc-days-2018-19"}} in 2018-19',
      '{{fig "dtoc-days-2017-18"}} in 2017-18',
    ),
  );
}

describe('what changed since the last distributed build', () => {
  let now: string;
  let changes: ChangesJson;
  let markdown: string;

  beforeAll(async () => {
    const before = await copyProject();
    await aMonthAgo(before);
    const first = await cli(before, ['--only', 'national', '--quiet'], A_MONTH_AGO);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(before, 'out/changes.json'), 'utf8'))).toMatchObject({
      changed: true,
      since: null,
    });
    // Distribution kept the figures it sent.
    now = await copyProject();
    await mkdir(join(now, 'state'));
    await writeFile(
      join(now, 'state/last-sent.json'),
      await readFile(join(before, 'out/figures.json')),
    );
    const second = await cli(now, ['--only', 'national', '--quiet']);
    expect(second.code, second.stderr).toBe(0);
    changes = JSON.parse(await readFile(join(now, 'out/changes.json'), 'utf8')) as ChangesJson;
    markdown = await readFile(join(now, 'out/changes.md'), 'utf8');
  }, 120_000);

  it('finds the month added and the figures that moved', async () => {
    expect(changes.changed).toBe(true);
    expect(changes.monthsAdded).toEqual(['2019-03']);
    expect(markdown).toContain('now runs to March 2019: 1 month added (March 2019)');
    const barnet = changes.reports.find((r) => r.id === 'barnet')!;
    expect(barnet.status).toBe('changed');
    const days = (await barnetMarch(now)).toLocaleString('en-GB');
    expect(barnet.lines).toContain(`New data: March 2019, ${days} delayed days.`);
    // March completes 2018-19, so the latest full year moves on.
    expect(barnet.lines[0]).toMatch(
      /^Delayed days, 2018-19: [\d,]+ \(the last briefing sent gave [\d,]+ for 2017-18\)$/,
    );
    const national = changes.reports.find((r) => r.id === 'national')!;
    expect(national.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Delayed-transfer days in England, 2018-19: [\d,]+ \(new figure\)$/),
        expect.stringMatching(
          /^Delayed-transfer days in England, 2017-18: no longer given \(was [\d,]+\)$/,
        ),
      ]),
    );
  });

  it('the manifest records the state file it compared with', async () => {
    const manifest = JSON.parse(await readFile(join(now, 'out/manifest.json'), 'utf8')) as {
      inputs: { path: string }[];
    };
    expect(manifest.inputs.map((i) => i.path)).toContain('state/last-sent.json');
  });

  it('a rebuild on another day with the same data finds nothing to send', async () => {
    await writeFile(
      join(now, 'state/last-sent.json'),
      await readFile(join(now, 'out/figures.json')),
    );
    const again = await cli(now, ['--only', 'national', '--quiet'], {
      SOURCE_DATE_EPOCH: '1798761600',
    });
    expect(again.code, again.stderr).toBe(0);
    const next = JSON.parse(await readFile(join(now, 'out/changes.json'), 'utf8')) as ChangesJson;
    expect(next.changed).toBe(false);
    expect(next.counts).toMatchObject({ changed: 0, new: 0, removed: 0 });
    expect(await readFile(join(now, 'out/changes.md'), 'utf8')).toContain(
      'there is nothing new to send',
    );
  });

  it('a damaged state file stops the build with a located error and keeps the last output', async () => {
    const kept = await readFile(join(now, 'out/changes.json'), 'utf8');
    await writeFile(join(now, 'state/last-sent.json'), '{"format": 1, "reports": [');
    const result = await cli(now, ['--only', 'national']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('state/last-sent.json');
    expect(result.stderr).toContain('STATE_INVALID');
    expect(result.stderr).toMatch(/hint: restore it/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(join(now, 'out/changes.json'), 'utf8')).toBe(kept);
  });
});
