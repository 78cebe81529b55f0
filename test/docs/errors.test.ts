/**
 * docs/errors.md gives a person one real example of every error code: a code added to the
 * ErrorCode type without an entry there, or an entry for a code that no longer exists, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../helpers/error-codes.ts';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'errors.md'), 'utf8');

/** Each "### CODE" entry, with its text up to the next heading. */
const entries = new Map(
  [...DOC.matchAll(/^### ([A-Z0-9_]+)[^\n]*\n([\s\S]*?)(?=^##|(?![\s\S]))/gm)].map((m) => [
    m[1]!,
    m[2]!,
  ]),
);

describe('docs/errors.md', () => {
  it('has an entry for every error code, and only for error codes', () => {
    expect([...entries.keys()].sort()).toEqual([...ERROR_CODES].sort());
  });

  it('shows each code in an example message, in a code block', () => {
    const without = [...entries].filter(
      ([code, text]) => !new RegExp('```\\n[^`]*\\b' + code + ': ').test(text),
    );
    expect(without.map(([code]) => code)).toEqual([]);
  });
});
