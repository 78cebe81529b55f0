/**
 * Every class of bad input in the briefing's content files (YAML) and templates, through the real
 * command line: exit 1, a message that names the file and line, no stack trace, out/ untouched.
 * Data files: cli-bad-input.test.ts.
 */
import { describe, it } from 'vitest';
import { expectRefused, type BadInput } from './helpers/bad-input.ts';

const CLAIMS = 'data/bcf/claims.yaml';
const HBS = 'templates/bcf/briefing.hbs';

const CASES: BadInput[] = [
  // ---------- content files ----------
  {
    name: 'YAML that cannot be read',
    file: CLAIMS,
    edit: (t) => t.replace('  unit: gbp-bn', '  unit: [gbp-bn'),
    expect: `${CLAIMS}:13:3 CONTENT_YAML_INVALID`,
    problems: 1,
  },
  {
    name: 'a claim that breaks its schema',
    file: CLAIMS,
    edit: (t) => t.replace('value: 5.3', 'value: lots'),
    expect: `${CLAIMS}:11:10 [value] CONTENT_SCHEMA`,
  },
  {
    name: 'a citation to the wrong line',
    file: CLAIMS,
    edit: (t) => t.replace('line: 5, says: "£5.3bn"', 'line: 6, says: "£5.3bn"'),
    expect: `${CLAIMS}:15:7 [line] CONTENT_CITATION_NOT_FOUND`,
    problems: 1,
  },
  {
    name: 'a figure that drifts from the data',
    file: CLAIMS,
    edit: (t) => t.replace('value: 185000', 'value: 175000'),
    expect: `${CLAIMS}:92:10 [value] CLAIM_DRIFT`,
  },
  // ---------- templates ----------
  {
    name: 'a template naming an unknown figure',
    file: HBS,
    edit: (t) => t.replace('{{fig "local-plans"}}', '{{fig "local-plan"}}'),
    expect: `${HBS}:17:122 [fig] TEMPLATE_CLAIM_UNKNOWN`,
    problems: 1,
  },
];

// Each case copies a full previous build; on a busy two-core machine that takes a while.
describe.concurrent(
  'bad content and templates through the command line',
  { timeout: 120_000 },
  () => {
    it.each(CASES)('$name', expectRefused);
  },
);
