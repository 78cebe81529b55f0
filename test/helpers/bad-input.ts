/**
 * One bad input through the real command line: copy the project, give it a previous build,
 * change one thing, run the build, and check it is refused as invalid input with a located
 * message, no stack trace, and out/ exactly as it was.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { cli } from './cli.ts';
import { copyProject, seedOutput, snapshot } from './project.ts';

export const REASONS = 'data/dtoc/delayed-days-by-reason.csv';
export const ORGS = 'data/dtoc/delayed-days-by-responsible-org.csv';

export type Edit = (text: string) => string;
export type BytesEdit = (bytes: Buffer) => Buffer;

/** Change line `n` (1-based) of a text file. */
export const onLine =
  (n: number, edit: Edit): Edit =>
  (text) => {
    const lines = text.split('\n');
    lines[n - 1] = edit(lines[n - 1]!);
    return lines.join('\n');
  };

/** Replace the cell at 0-based `column` on line `n` of a CSV with `value` (quoted). */
export const cell = (n: number, column: number, value: string): Edit =>
  onLine(n, (line) => {
    const cells = line.split('","');
    cells[column] = (column === 0 ? '"' : '') + value + (column === cells.length - 1 ? '"' : '');
    return cells.join('","');
  });

/** Add `delta` to the number in the cell at 0-based `column` on line `n` of a CSV. */
export const addTo = (n: number, column: number, delta: number): Edit =>
  onLine(n, (line) => {
    const cells = line.slice(1, -1).split('","');
    cells[column] = String(Number(cells[column]) + delta);
    return `"${cells.join('","')}"`;
  });

/** Remove every row of area `name` for a month matching `month` (e.g. "June 2016" or "(May|June) 2016"). */
export const dropRows =
  (name: string, month: string): Edit =>
  (text) => {
    const row = new RegExp(`(^|,)"${name}",.*,"${month}"$`);
    return text
      .split('\n')
      .filter((line) => !row.test(line))
      .join('\n');
  };

/** Add a column named `name` to the header, with `value` in every row. */
export const addColumn =
  (name: string, value: string): Edit =>
  (text) =>
    text
      .split('\n')
      .map((line, i) => (line === '' ? line : `${line},"${i === 0 ? name : value}"`))
      .join('\n');

export interface BadInput {
  name: string;
  /** The file changed; the message must name it. */
  file: string;
  /** Its text edited, its bytes edited, or the file deleted. */
  edit: Edit | { bytes: BytesEdit } | 'delete';
  /** Other files changed at the same time (a row taken out of both data files). */
  also?: { file: string; edit: Edit }[];
  /** The located message, e.g. `data/x.csv:214 [field] CODE`. */
  expect: string;
  /** How many problems validation must report, when it is the stage that refuses the input. */
  problems?: number;
  /** Options for the build, e.g. `--only national` where the areas play no part. */
  args?: string[];
}

async function change(root: string, file: string, edit: BadInput['edit']): Promise<void> {
  const path = join(root, file);
  if (edit === 'delete') await rm(path);
  else if (typeof edit === 'object') await writeFile(path, edit.bytes(await readFile(path)));
  else await writeFile(path, edit(await readFile(path, 'utf8')));
}

let previous: Promise<Record<string, string>> | undefined;

/** Every case starts from a copy of the same previous build: hash it once per test file. */
const previousBuild = (): Promise<Record<string, string>> =>
  (previous ??= snapshot(join(inject('builtRoot'), 'out')));

export async function expectRefused(input: BadInput): Promise<void> {
  const root = await copyProject();
  await seedOutput(root, inject('builtRoot'));
  const before = await previousBuild();
  await change(root, input.file, input.edit);
  for (const other of input.also ?? []) await change(root, other.file, other.edit);

  const result = await cli(root, input.args);
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain(input.expect);
  expect(result.stderr).toContain(input.file);
  if (input.problems !== undefined)
    expect(result.stderr).toContain(
      `The input is not valid (${input.problems} problem${input.problems === 1 ? '' : 's'})`,
    );
  expect(result.stderr).toMatch(/hint: /);
  expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(result.stderr).toContain('Nothing was written');
  expect(await snapshot(join(root, 'out'))).toEqual(before);
}
