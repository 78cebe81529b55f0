/**
 * Every class of bad input in the briefing's content files (YAML) and templates, through the real
 * command line: exit 1, a message that names the file and line, no stack trace, out/ untouched.
 * Data files: cli-bad-input.test.ts.
 */
import { describe, it } from 'vitest';
import { expectRefused, type BadInput } from './helpers/bad-input.ts';

const CLAIMS = 'data/bcf/claims.yaml';
const QUOTES = 'data/bcf/quotes.yaml';
const SOURCES = 'data/bcf/sources.yaml';
const HBS = 'templates/bcf/briefing.hbs';
const SHORTFALL = '{{quote "morse-shortfall"}}';

const CASES: BadInput[] = [
  // ---------- content files ----------
  {
    name: 'YAML that cannot be read',
    file: CLAIMS,
    edit: (t) => t.replace('  unit: gbp-bn', '  unit: [gbp-bn'),
    expect: `${CLAIMS}:17:3 CONTENT_YAML_INVALID`,
    problems: 1,
  },
  {
    name: 'a claim that breaks its schema',
    file: CLAIMS,
    edit: (t) => t.replace('value: 5.3', 'value: lots'),
    expect: `${CLAIMS}:15:10 [value] CONTENT_SCHEMA`,
  },
  {
    name: 'an id used twice',
    file: CLAIMS,
    edit: (t) => t.replace('- id: dtoc-days-2016-17', '- id: dtoc-days-2011-12'),
    expect: `${CLAIMS}:202:7 [id] CONTENT_ID_DUPLICATE`,
  },
  {
    name: 'a claim citing a source not in sources.yaml',
    file: CLAIMS,
    edit: (t) =>
      t.replace(
        '{ source: pac-2017, locator: "paragraph 3" }',
        '{ source: pac-2071, locator: "paragraph 3" }',
      ),
    expect: `${CLAIMS}:155:7 [source] CONTENT_SOURCE_UNKNOWN`,
    problems: 1,
  },
  {
    name: 'a citation to the wrong line',
    file: CLAIMS,
    edit: (t) => t.replace('line: 5, says: "£5.3bn"', 'line: 6, says: "£5.3bn"'),
    expect: `${CLAIMS}:19:7 [line] CONTENT_CITATION_NOT_FOUND`,
    problems: 1,
  },
  {
    name: 'a figure that drifts from the data',
    file: CLAIMS,
    edit: (t) => t.replace('value: 185000', 'value: 175000'),
    expect: `${CLAIMS}:99:10 [value] CLAIM_DRIFT`,
  },
  {
    name: 'a figure the data cannot give (a year not in the data)',
    file: CLAIMS,
    edit: (t) => t.replace('area: England, year: 2018-19', 'area: England, year: 2019-20'),
    expect: `${CLAIMS}:212:12 [compute] CLAIM_COMPUTE_UNKNOWN`,
    problems: 1,
  },
  {
    name: 'a quotation cited to the wrong line',
    file: QUOTES,
    edit: (t) => t.replace('article-chp, line: 13 }', 'article-chp, line: 14 }'),
    expect: `${QUOTES}:15:9 [line] CONTENT_CITATION_NOT_FOUND`,
    problems: 1,
  },
  {
    name: 'a quotation whose words are not what the source says',
    file: QUOTES,
    edit: (t) => t.replace('far short of plans', 'far short of the plans'),
    expect: `${QUOTES}:15:9 [line] CONTENT_CITATION_NOT_FOUND`,
    problems: 1,
  },
  {
    name: 'a quotation citing a source not in sources.yaml',
    file: QUOTES,
    edit: (t) => t.replace('article-chp, line: 13 }', 'article-cph, line: 13 }'),
    expect: `${QUOTES}:15:9 [source] CONTENT_SOURCE_UNKNOWN`,
    problems: 1,
  },
  {
    name: 'a source file that is not there',
    file: 'data/sources/002_978a55f61a792a97.txt',
    edit: 'delete',
    expect: `${SOURCES}:28:9 [file] CONTENT_SOURCE_FILE_MISSING`,
    problems: 1,
  },
  // ---------- templates ----------
  {
    name: 'a template that cannot be parsed',
    file: HBS,
    edit: (t) => t.replace(SHORTFALL, '{{quote "morse-shortfall"}'),
    expect: `${HBS}:61 TEMPLATE_SYNTAX`,
    problems: 1,
  },
  {
    name: 'a template block closed by the wrong tag',
    file: HBS,
    edit: (t) => t.replace(SHORTFALL, `{{#if meta.title}}${SHORTFALL}{{/each}}`),
    expect: `${HBS}:61 TEMPLATE_SYNTAX`,
    problems: 1,
  },
  {
    name: 'a template naming an unknown figure',
    file: HBS,
    edit: (t) => t.replace('{{fig "local-plans"}}', '{{fig "local-plan"}}'),
    expect: `${HBS}:17:122 [fig] TEMPLATE_CLAIM_UNKNOWN`,
    problems: 1,
  },
  {
    name: 'a template naming an unknown quotation',
    file: HBS,
    edit: (t) => t.replace(SHORTFALL, '{{quote "morse-shortfal"}}'),
    expect: `${HBS}:61:3 [quote] TEMPLATE_QUOTE_UNKNOWN`,
    problems: 1,
  },
  {
    name: 'a template naming an unknown source',
    file: HBS,
    edit: (t) => t.replace('{{src "nao-2017"}}', '{{src "nao-2071"}}'),
    expect: `${HBS}:46:50 [src] CONTENT_SOURCE_UNKNOWN`,
    problems: 1,
  },
  {
    name: 'a template naming an unknown chart',
    file: HBS,
    edit: (t) => t.replace('{{chart "days-by-year"}}', '{{chart "days-by-yaer"}}'),
    expect: `${HBS}:69:3 [chart] TEMPLATE_CHART_UNKNOWN`,
    problems: 1,
  },
  // Caught by validation alone (`--check`), before anything is rendered.
  {
    name: 'a template placing a chart that does not exist, under --check',
    file: HBS,
    edit: (t) => t.replace('{{chart "days-by-year"}}', '{{chart "days-by-years"}}'),
    expect: `${HBS}:69:3 [chart] TEMPLATE_CHART_UNKNOWN`,
    args: ['--check'],
  },
  {
    name: 'a template figure with no id, under --check',
    file: HBS,
    edit: (t) => t.replace('{{fig "minimum-pool"}}', '{{fig}}'),
    expect: `${HBS}:52:220 [fig] TEMPLATE_CLAIM_UNKNOWN`,
    args: ['--check'],
  },
  {
    name: 'a percentage over 100',
    file: CLAIMS,
    edit: (t) => t.replace('value: 90\n  unit: percent', 'value: 190\n  unit: percent'),
    expect: `${CLAIMS}:122:10 [value] CLAIM_VALUE_OUT_OF_RANGE`,
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
