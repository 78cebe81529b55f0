/**
 * Issue 5: every figure in a briefing's text is a claim (national) or comes from the area's
 * model (areas), never a number typed into a template. The templates' own text (with comments,
 * Handlebars expressions and tags taken out) may hold dates and a few fixed phrases, each named
 * here with why; any other number fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const TEMPLATES = join(import.meta.dirname, '..', 'templates');

/** Numbers that are part of a phrase, not figures. */
const PHRASES = [
  // The report's reference number, part of its citation.
  'HC 1011',
  // An age group the NAO reports on (the sentence cites its source), not a statistic.
  'aged 65 and over',
  // Says which way the area ranks run.
  '1st is the highest',
];

/** A year, a financial year ("2015-16") or a number of anything else. */
const NUMBER = /\b(?:(?:19|20)\d\d-\d\d|\d[\d,.]*%?)/g;
const isDate = (token: string): boolean => /^(?:19|20)\d\d(?:-\d\d)?$/.test(token);

function typedNumbers(template: string): string[] {
  let text = template
    .replace(/{{!--[\s\S]*?--}}/g, ' ')
    .replace(/{{[\s\S]*?}}/g, ' ')
    .replace(/<[^>]*>/g, ' ');
  for (const phrase of PHRASES) text = text.replaceAll(phrase, ' ');
  return [...text.matchAll(NUMBER)].map((m) => m[0]).filter((token) => !isDate(token));
}

describe('numbers typed into templates', () => {
  it.each(['bcf/briefing.hbs', 'area/briefing.hbs'])(
    '%s types none: its figures are claims',
    (file) => {
      expect(typedNumbers(readFileSync(join(TEMPLATES, file), 'utf8'))).toEqual([]);
    },
  );

  it('finds a figure typed into text, and not a year, an expression or a named phrase', () => {
    const template =
      '{{!-- 99 --}}<p class="n2">Delays rose by 14% in {{fig "x" decimals=1}} 2015-16 to 1,809,587 days (HC 1011).</p>';
    expect(typedNumbers(template)).toEqual(['14%', '1,809,587']);
  });
});
