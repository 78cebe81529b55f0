import { expect } from 'vitest';
import {
  ValidationFailed,
  type ErrorCode,
  type Location,
  type Problem,
} from '../../pipeline/errors.ts';

/** Run `fn`, expect it to fail validation, and return the problems. */
export function problemsOf(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationFailed) return error.problems;
    throw error;
  }
  throw new Error('expected validation to fail, but it passed');
}

/** Expect exactly one problem with `code`, at `at` (the fields given). */
export function expectProblem(
  problems: Problem[],
  code: ErrorCode,
  at: Partial<Location>,
): Problem {
  const matching = problems.filter((p) => p.code === code);
  expect(matching, `problems: ${problems.map((p) => p.code).join(', ')}`).toHaveLength(1);
  expect(matching[0]!.at).toMatchObject(at);
  return matching[0]!;
}
