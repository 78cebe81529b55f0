/**
 * Data that is valid but imperfect, through the real command line: a partial financial year, a
 * suppressed value ("-"), and warnings. Each is built (exit 0) and shown as what it is in the
 * validation report and in an area's briefing; --strict makes warnings fail the build.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addTo, cell, ORGS, REASONS, type Edit } from './helpers/bad-input.ts';
import { cli } from './helpers/cli.ts';
import { copyProject, snapshot } from './helpers/project.ts';

const TOTAL = 'Total Delayed Transfers of Care';
/** Derby, June 2018 (the same line in both files), and England's row for that month. */
const DERBY_JUNE_2018 = 8308;
const ENGLAND_JUNE_2018 = 8307;

async function edit(root: string, file: string, change: Edit): Promise<void> {
  const path = join(root, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}

const read = (root: string, path: string): Promise<string> =>
  readFile(join(root, 'out', path), 'utf8');

/** Build the national briefing (with the validation report), then Derby's briefing. */
async function buildNationalAndDerby(root: string): Promise<void> {
  for (const args of [
    ['--only', 'national'],
    ['--area', 'Derby'],
  ]) {
    const result = await cli(root, args);
    expect(result.code, result.stderr).toBe(0);
  }
}

/** A key-numbers row of an area briefing: the measure, then the area, England and the rank. */
const keyRow = (measure: string, ...cells: string[]): string =>
  `<tr><th scope="row">${measure}</th>${cells.map((c) => `<td class="num">${c}</td>`).join('')}`;

describe.concurrent('data that is valid but imperfect', { timeout: 180_000 }, () => {
  it('a partial financial year is labelled partial and never compared with a full year', async () => {
    const root = await copyProject();
    // April and May 2019 (copies of March 2019): 2019-20 has two months of twelve.
    for (const file of [REASONS, ORGS])
      await edit(root, file, (text) => {
        const march = text.split('\n').filter((l) => l.endsWith('"March 2019"'));
        const more = ['April', 'May'].flatMap((m) =>
          march.map((l) => l.replace('"March 2019"', `"${m} 2019"`)),
        );
        return `${text}${more.join('\n')}\n`;
      });
    await buildNationalAndDerby(root);

    const report = JSON.parse(await read(root, 'validation-report.json'));
    expect(report.financialYears.at(-1)).toEqual({
      year: '2019-20',
      first: '2019-04',
      last: '2019-05',
      months: 2,
      partial: true,
    });
    expect(report.financialYears.filter((y: { partial: boolean }) => !y.partial)).toHaveLength(8);
    expect(await read(root, 'validation-report.html')).toContain(
      '<tr><th scope="row">2019-20</th><td>April 2019 to May 2019</td><td>Partial (2 of 12 months)</td></tr>',
    );
    // The national charts compare full years only.
    expect(await read(root, 'bcf-briefing.html')).not.toContain('2019-20');

    const derby = await read(root, 'areas/derby.html');
    expect(derby).toContain('Partial years (2019-20) are not compared with full years.');
    // The key numbers stay on the latest full year, 2018-19, against 2017-18.
    expect(derby).toContain(keyRow('Delayed days, 2018-19', '3,779', '1,665,649'));
    expect(derby).toContain(keyRow('Change on 2017-18', '−7.8%', '−15.9%'));
    expect(derby).not.toMatch(/Delayed days, 2019-20|Change on 2018-19/);
  });

  it('a suppressed value ("-") is "not available", never 0, and counted in the report', async () => {
    const root = await copyProject();
    // Derby, June 2018: every reason, the total and the three organisations suppressed.
    await edit(root, REASONS, (text) =>
      Array.from({ length: 12 }, (_, i) => i + 2).reduce(
        (t, column) => cell(DERBY_JUNE_2018, column, '-')(t),
        text,
      ),
    );
    await edit(root, ORGS, (text) =>
      [1, 2, 3].reduce((t, column) => cell(DERBY_JUNE_2018, column, '-')(t), text),
    );
    await buildNationalAndDerby(root);

    const report = JSON.parse(await read(root, 'validation-report.json'));
    const meaning = 'suppressed or missing in the publication';
    for (const [file, field] of [
      [REASONS, TOTAL],
      [REASONS, 'Awaiting public funding'],
      [REASONS, 'Other'],
      [ORGS, 'NHS'],
      [ORGS, 'Social Care'],
      [ORGS, 'Both'],
    ])
      expect(report.notAvailable).toContainEqual({ file, field, value: '-', count: 1, meaning });
    expect(report.notAvailable).toHaveLength(16); // 15 suppressed cells, and "NA" in Other
    expect(await read(root, 'validation-report.html')).toContain(
      `<tr><th scope="row"><span class="path">${REASONS}</span> [${TOTAL}]</th><td>-</td><td>${meaning}</td><td class="num">1</td></tr>`,
    );

    const derby = await read(root, 'areas/derby.html');
    // Not 3,405 (the year without June) and not ranked.
    expect(derby).toContain(
      keyRow('Delayed days, 2018-19', 'not available', '1,665,649', 'not available'),
    );
    expect(derby).toContain(
      '<tr><th scope="row">June 2018</th><td class="num">not available</td><td class="num">not available</td></tr>',
    );
    expect(derby).toContain('1 month is not available (June 2018)');
    expect(derby).not.toContain('3,405');
  });

  it('warnings are listed in the report and the build succeeds; --strict makes them fail it', async () => {
    const root = await copyProject();
    // Derby, June 2018: 5,374 days against a usual ~400 (England's row moves with it).
    for (const line of [DERBY_JUNE_2018, ENGLAND_JUNE_2018]) {
      await edit(root, REASONS, (t) => addTo(line, 13, 5000)(addTo(line, 2, 5000)(t)));
      await edit(root, ORGS, addTo(line, 1, 5000));
    }
    // A figure no template uses.
    await edit(
      root,
      'data/bcf/claims.yaml',
      (t) =>
        `${t}\n- id: dtoc-days-2017-18\n  label: Delayed-transfer days in England, 2017-18\n  unit: days\n  compute: { measure: fy-total, area: England, year: 2017-18 }\n  cite:\n    - { source: nhse-dtoc, locator: "England rows, April 2017 to March 2018" }\n`,
    );

    const built = await cli(root, ['--only', 'national']);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toContain('with 2 warnings');
    const unusual = `${REASONS}:${DERBY_JUNE_2018} [${TOTAL}]`;
    const claimsText = await readFile(join(root, 'data/bcf/claims.yaml'), 'utf8');
    const unusedLine = claimsText.split('\n').indexOf('- id: dtoc-days-2017-18') + 1;
    const unused = `data/bcf/claims.yaml:${unusedLine} [id]`;
    const report = JSON.parse(await read(root, 'validation-report.json'));
    expect(
      report.warnings.map((w: { code: string; severity: string }) => [w.code, w.severity]),
    ).toEqual([
      ['DATA_VALUE_UNUSUAL', 'warning'],
      ['CLAIM_UNUSED', 'warning'],
    ]);
    const html = await read(root, 'validation-report.html');
    expect(html).toContain('Every input passed its checks, with 2 warnings.');
    expect(html).toContain(
      `<strong>DATA_VALUE_UNUSUAL</strong> at <span class="path">${unusual}</span>: Derby`,
    );
    expect(html).toContain(`<strong>CLAIM_UNUSED</strong> at <span class="path">${unused}</span>`);

    const before = await snapshot(join(root, 'out'));
    const strict = await cli(root, ['--only', 'national', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('The input is not valid (2 problems)');
    // Under --strict they are errors, and printed as errors.
    expect(strict.stderr).toContain(`${unusual} DATA_VALUE_UNUSUAL: `);
    expect(strict.stderr).toContain(`${unused} CLAIM_UNUSED: `);
    expect(strict.stderr).not.toContain(' warning ');
    expect(strict.stderr).toContain('Nothing was written');
    expect(await snapshot(join(root, 'out'))).toEqual(before);
  });
});
