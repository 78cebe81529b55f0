/** Messages about running the build: the command line, the output folder and internal stages. */
import type { MessageDef } from '../validate/problems.ts';

export const usage = (reason: string): MessageDef => ({
  code: 'USAGE',
  message: reason,
  hint: 'run `npm run build:report -- --help` to see the options',
});

/** A warning that --strict makes an error keeps its code and says why it now fails. */
export const strictWarning = (message: string): string =>
  `${message} (a warning, made an error by --strict)`;

export const outputLocked = (holder: string, waitedSeconds: number): MessageDef => ({
  code: 'OUTPUT_LOCKED',
  message: `another build is still writing to this output folder (${holder}); waited ${waitedSeconds} s`,
  hint: 'wait for it to finish and run again; a lock left by a build that was killed is taken over automatically',
});

export const outputNotAFolder = (path: string): MessageDef => ({
  code: 'OUTPUT_NOT_A_FOLDER',
  message: `the output folder ${path} is a file, not a folder; it was left as it is`,
  hint: 'move or rename that file, or build somewhere else with --out <folder>',
});

export const outputUnwritable = (path: string, reason: string): MessageDef => ({
  code: 'OUTPUT_UNWRITABLE',
  message: `the output folder ${path} cannot be made: ${reason}`,
  hint: 'build somewhere you can write to with --out <folder>, or fix the path named here',
});

export const chartRender = (id: string, reason: string): MessageDef => ({
  code: 'CHART_RENDER',
  message: `chart "${id}" could not be rendered: ${reason}`,
  hint: `fix the Vega-Lite spec of "${id}" in pipeline/charts/specs/ (Vega-Lite warnings are errors here); --debug shows the cause`,
});

export const pdfNothingToLayOut = (): MessageDef => ({
  code: 'PDF_LAYOUT',
  message: 'the briefing has no content to lay out',
  hint: 'the template produced no headings, paragraphs, lists, tables or charts: check that its {{#if}} and {{#each}} blocks are given data, and that content is not all inside HTML the PDF skips',
});

/** Edits (insertions, deletions, substitutions) between two words. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row.push(
        Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)),
      );
    prev = row;
  }
  return prev[b.length]!;
}

/** Names close to a mistyped one: a few letters out, or containing it. */
function near(wanted: string, names: string[]): string[] {
  const w = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 4));
  return names
    .filter((n) => n.toLowerCase().includes(w) || distance(w, n.toLowerCase()) <= limit)
    .slice(0, 5);
}

export const areaUnknown = (unknown: string[], names: string[]): MessageDef => ({
  code: 'USAGE',
  message: `no area is called ${unknown.map((u) => `"${u}"`).join(', ')}`,
  hint: (() => {
    const close = unknown.flatMap((u) => near(u, names));
    return close.length
      ? `did you mean ${close.map((c) => `"${c}"`).join(', ')}? Give an area's name or its code`
      : "give an area's name (as in the data) or its code";
  })(),
});

export const mergeNotABuild = (dir: string): MessageDef => ({
  code: 'MERGE_NOT_A_BUILD',
  message: `${dir} is not the output of a build (it has no readable manifest.json)`,
  hint: 'give the folders that builds wrote, such as the out/ of each CI job',
});

export const mergeCorrupt = (
  path: string,
  problem: 'changed' | 'missing' = 'changed',
): MessageDef => ({
  code: 'MERGE_CORRUPT',
  message:
    problem === 'missing'
      ? `${path} is listed in its manifest but missing`
      : `${path} does not match the sha256 its manifest gives`,
  hint: 'the part was changed or only partly copied after its build; download or rebuild that part',
});

export const mergeMismatch = (first: string, other: string): MessageDef => ({
  code: 'MERGE_MISMATCH',
  message: `${other} was built from different inputs, date or library versions than ${first}`,
  hint: 'rebuild every part from the same commit, with the same SOURCE_DATE_EPOCH',
});

export const mergeConflict = (path: string, first: string, other: string): MessageDef => ({
  code: 'MERGE_CONFLICT',
  message: `${path} differs between ${first} and ${other}`,
  hint: 'each file should be made by one part only, or identically by all',
});

export const stateInvalid = (file: string, detail: string): MessageDef => ({
  code: 'STATE_INVALID',
  message: `${file} is not a snapshot of a distributed build (${detail})`,
  hint: `restore it from the last distribution run (the workflow saves it), or delete it: the next build then treats every report as new and distribution sends every report again`,
});
