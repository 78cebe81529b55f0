/** JSON input read defensively: every failure (encoding, syntax, schema) is one located problem. */
import type { z } from 'zod';
import type { Location, Problem } from '../errors.ts';
import { problem, type MessageDef } from '../validate/problems.ts';

/**
 * Where JSON.parse gave up. Its messages do not always say (V8: "Unexpected token 'm', ...
 * is not valid JSON"), so find the shortest prefix that fails for a reason other than ending
 * too soon: its last character is the culprit. Called only for text that JSON.parse refused.
 */
export function jsonErrorAt(text: string): Omit<Location, 'file'> {
  const broken = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message)?.[1];
      if (/Unexpected end of JSON input/.test(message)) return false;
      return position === undefined || Number(position) < k;
    }
  };
  // A file that is merely cut short fails at its end.
  let [lo, hi] = broken(text.length) ? [1, text.length] : [text.length + 1, text.length + 1];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (broken(mid)) hi = mid;
    else lo = mid + 1;
  }
  const before = text.slice(0, lo - 1).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Parse and check a JSON file against a schema; every failure is one located problem. */
export function parseJson<T>(
  bytes: Uint8Array,
  file: string,
  schema: z.ZodType<T>,
  fail: (reason: string) => MessageDef,
  problems: Problem[],
): T | undefined {
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.push(problem(file, {}, fail('it is not UTF-8 text')));
    return undefined;
  }
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = `it is not valid JSON (${(error as Error).message})`;
    problems.push(problem(file, jsonErrorAt(text), fail(reason)));
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = issue.path.join('.');
    problems.push(problem(file, field ? { field } : {}, fail(issue.message)));
  }
  return undefined;
}
