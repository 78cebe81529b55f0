/** Messages about the briefing's content files: sources, claims, quotations and templates. */
import type { MessageDef } from '../validate/problems.ts';

const list = (items: string[]): string => items.map((i) => `"${i}"`).join(', ');
const n = (value: number): string => value.toLocaleString('en-GB');

export const yamlInvalid = (reason: string): MessageDef => ({
  code: 'CONTENT_YAML_INVALID',
  message: `the YAML cannot be read: ${reason}`,
  hint: 'check the indentation and that text containing ": " or "#" is in quotes',
});

export const schemaIssue = (where: string, reason: string, got: unknown): MessageDef => ({
  code: 'CONTENT_SCHEMA',
  message: `${where || 'the file'}: ${reason}${got === undefined || typeof got === 'object' ? '' : `, got ${JSON.stringify(got)}`}`,
  ...(got === undefined || typeof got === 'object' ? {} : { got: String(got) }),
  hint: 'see the comment at the top of the file for what each entry needs',
});

export const idDuplicate = (id: string, firstLine: number): MessageDef => ({
  code: 'CONTENT_ID_DUPLICATE',
  message: `id "${id}" is used twice (first on line ${firstLine})`,
  hint: 'ids must be unique within the file; rename one of them',
});

export const sourceUnknown = (id: string, known: string[]): MessageDef => ({
  code: 'CONTENT_SOURCE_UNKNOWN',
  message: `source "${id}" is not in sources.yaml`,
  hint: `use one of ${list(known)}, or add the source to sources.yaml`,
});

export const sourceFileMissing = (path: string): MessageDef => ({
  code: 'CONTENT_SOURCE_FILE_MISSING',
  message: `the source file ${path} is missing`,
  hint: 'copy the source text into data/sources/ or remove `file` from the source',
});

export const citationNotFound = (
  words: string,
  file: string,
  line: number,
  foundOn?: number,
): MessageDef => ({
  code: 'CONTENT_CITATION_NOT_FOUND',
  message: `line ${line} of ${file} does not contain "${words}"`,
  hint: foundOn
    ? `the text is on line ${foundOn}; update \`line\``
    : 'copy the words exactly as the source prints them, or correct the line number',
});

export const computeFailed = (claim: string, reason: string): MessageDef => ({
  code: 'CLAIM_COMPUTE_UNKNOWN',
  message: `claim "${claim}" cannot be recomputed: ${reason}`,
  hint: 'check the area name and financial years in `compute`',
});

export const saysNoNumber = (says: string): MessageDef => ({
  code: 'CONTENT_SCHEMA',
  message: `says "${says}" has no figure in it to compare with the claim`,
  hint: 'add `stated:` with the number the words stand for, as in `stated: 90` for "nine out of ten"',
});

export const claimDrift = (
  claim: string,
  stated: number,
  computed: number,
  tolerance: number,
): MessageDef => ({
  code: 'CLAIM_DRIFT',
  message: `claim "${claim}" states ${n(stated)} but the data give ${n(computed)} (allowed difference ${n(tolerance)})`,
  expected: `${n(computed)} ± ${n(tolerance)}`,
  got: n(stated),
  hint: 'the data or the stated figure has changed; check both before changing `value` or `tolerance`',
});

export const claimValueOutOfRange = (
  claim: string,
  unit: string,
  change: boolean,
  value: number,
  expected: string,
): MessageDef => ({
  code: 'CLAIM_VALUE_OUT_OF_RANGE',
  message: `claim "${claim}" states ${value}, but a ${change ? 'change' : 'figure'} in ${unit} must be ${expected}`,
  expected,
  got: String(value),
  hint: change
    ? 'check the value and its unit'
    : 'check the value and its unit; a rise or fall between two values is declared with `change: true`',
});

export const sourcesConflict = (
  claim: string,
  source: string,
  stated: number,
  value: number,
): MessageDef => ({
  code: 'CLAIM_SOURCES_CONFLICT',
  message: `source "${source}" gives ${n(stated)} for "${claim}", not ${n(value)}`,
  hint: 'the briefing reports this disagreement in its notes on the sources',
});

export const claimUnused = (claim: string): MessageDef => ({
  code: 'CLAIM_UNUSED',
  message: `claim "${claim}" is not used by any template`,
  hint: 'use it in a template with {{fig "…"}} or remove it',
});

export const quoteVariant = (speaker: string, first: string, second: string): MessageDef => ({
  code: 'QUOTE_VARIANT',
  message: `${speaker} is quoted differently by "${first}" and "${second}"`,
  hint: 'the briefing reports the difference in its notes on the sources',
});

const REF_CODES = {
  claim: 'TEMPLATE_CLAIM_UNKNOWN',
  quote: 'TEMPLATE_QUOTE_UNKNOWN',
  chart: 'TEMPLATE_CHART_UNKNOWN',
  source: 'CONTENT_SOURCE_UNKNOWN',
} as const;

const EXAMPLE_IDS = {
  claim: 'pooled-budget',
  quote: 'morse-challenge',
  chart: 'days-by-year',
  source: 'nao-2017',
} as const;

export const templateRefUnknown = (
  kind: keyof typeof REF_CODES,
  id: string,
  known: string[],
): MessageDef => ({
  code: REF_CODES[kind],
  message: `the template names ${kind} "${id}", which does not exist`,
  hint:
    known.length <= 12
      ? `known ${kind}s: ${list(known)}`
      : `check the spelling against the ${kind} ids (${known.length} known)`,
});

/** `{{fig}}` with no id, or with an unquoted one (`{{fig rise}}` looks up a variable, not a claim). */
export const templateRefMissing = (
  kind: keyof typeof REF_CODES,
  helper: string,
  got: string | undefined,
): MessageDef => {
  const expected = `a ${kind} id in double quotes, such as {{${helper} "${EXAMPLE_IDS[kind]}"}}`;
  return {
    code: REF_CODES[kind],
    message: `{{${helper}}} is given ${got === undefined ? 'no id' : `${got}, not a quoted id`}: expected ${expected}`,
    expected,
    got: got ?? 'nothing',
    hint: `write the ${kind}'s id in double quotes straight after "${helper}"`,
  };
};

export const templateSyntax = (reason: string): MessageDef => ({
  code: 'TEMPLATE_SYNTAX',
  message: `the template cannot be parsed: ${reason}`,
  hint: 'check that every {{#if}} or {{#each}} has its closing tag',
});
