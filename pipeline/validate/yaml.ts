/**
 * Read a YAML content file and check it against a zod schema, locating every problem at the
 * line and column of the offending value.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { InputFile } from '../types.ts';
import { decodeText } from './csv.ts';
import { problem, type MessageDef } from './problems.ts';

export type Path = readonly (string | number)[];

export interface YamlFile {
  file: string;
  data: unknown;
  /** Line and column of the value at `path` (or of its nearest parent that exists), or of its key. */
  locate(path: Path, atKey?: boolean): { line: number; column: number };
}

export function readYaml(file: InputFile, problems: Problem[]): YamlFile | undefined {
  const text = decodeText(file, problems);
  if (text === undefined) return undefined;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const pos = lines.linePos(error.pos[0]);
      problems.push(
        problem(
          file.path,
          { line: pos.line, column: pos.col },
          msg.yamlInvalid(error.message.split('\n')[0] ?? ''),
        ),
      );
    }
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // An alias to an anchor that does not exist is only found when the document is resolved.
    let at = { line: 1, column: 1 };
    visit(doc, {
      Alias(_, node) {
        if (node.resolve(doc) !== undefined || !node.range) return undefined;
        const pos = lines.linePos(node.range[0]);
        at = { line: pos.line, column: pos.col };
        return visit.BREAK;
      },
    });
    problems.push(problem(file.path, at, msg.yamlInvalid((error as Error).message)));
    return undefined;
  }
  return { file: file.path, data, locate: (path, atKey) => locate(doc, lines, path, atKey) };
}

function locate(
  doc: Document,
  lines: LineCounter,
  path: Path,
  atKey = false,
): { line: number; column: number } {
  // A key that should not be there is located at the key, not at its value.
  const parent = atKey ? doc.getIn(path.slice(0, -1), true) : undefined;
  const last = path.at(-1);
  if (isMap(parent) && typeof last === 'string') {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
    if (pair && isNode(pair.key) && pair.key.range) {
      const pos = lines.linePos(pair.key.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * Validate parsed YAML against a schema; each zod issue becomes a located problem: CONTENT_SCHEMA,
 * or the code of a refinement that gives its own (a claim's value out of range).
 */
export function checkSchema<T>(
  yaml: YamlFile,
  schema: z.ZodType<T>,
  problems: Problem[],
): T | undefined {
  const result = schema.safeParse(yaml.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const base = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown key is reported on its parent; locate it at the key.
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = unknownKey ? [...base, unknownKey] : base;
    const field = path.filter((p) => typeof p === 'string').at(-1);
    problems.push(
      problem(
        yaml.file,
        {
          ...yaml.locate(path, unknownKey !== undefined),
          ...(field ? { field: String(field) } : {}),
        },
        problemOf(issue) ??
          msg.schemaIssue(describePath(yaml.data, path), issue.message, valueAt(yaml.data, path)),
      ),
    );
  }
  return undefined;
}

/** A refinement that has its own error code passes the whole message as `params.problem`. */
function problemOf(issue: z.core.$ZodIssue): MessageDef | undefined {
  return issue.code === 'custom'
    ? (issue.params as { problem?: MessageDef } | undefined)?.problem
    : undefined;
}

function valueAt(data: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (v, key) =>
      v && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined,
    data,
  );
}

/** [3, 'cite', 1, 'line'] → 'entry 4 ("pooled-budget"), cite 2, line': how a person finds it. */
function describePath(data: unknown, path: Path): string {
  const parts: string[] = [];
  path.forEach((key, i) => {
    if (typeof key === 'string') {
      parts.push(key);
      return;
    }
    const item = valueAt(data, path.slice(0, i + 1)) as { id?: unknown } | undefined;
    const id =
      item && typeof item === 'object' && typeof item.id === 'string' ? ` ("${item.id}")` : '';
    parts.push(i === 0 ? `entry ${key + 1}${id}` : `${String(path[i - 1])} ${key + 1}${id}`);
  });
  // "cite, cite 2" reads badly: drop a key name when the next part repeats it.
  return parts.filter((p, i) => !parts[i + 1]?.startsWith(`${p} `)).join(', ');
}
