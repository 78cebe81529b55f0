/**
 * The build being distributed, read defensively: out/manifest.json (whose sha256 is what a person
 * approves), and the change report out/changes.md and out/changes.json when the build wrote them.
 * `out` is resolved once, so a build that swaps in a new folder meanwhile cannot mix two builds.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PipelineError, ValidationFailed, type Location, type Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { MANIFEST_PATH, sha256, type Manifest } from '../output/manifest.ts';
import { problem, type MessageDef } from '../validate/problems.ts';
import type { BuildSnapshot, ChangeReport } from './types.ts';

export const CHANGES_MD = 'changes.md';
export const CHANGES_JSON = 'changes.json';

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');
const manifestSchema = z.object({
  briefing: z.string().min(1),
  date: z.iso.date(),
  outputs: z.array(
    z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: SHA256 }),
  ),
  inputs: z.array(z.object({ path: z.string(), sha256: SHA256 })),
  versions: z.record(z.string(), z.string()),
});
// Only `changed` matters here; whatever else the change report holds is its own business.
const changesSchema = z.looseObject({ changed: z.boolean() });

/** Line and column of a JSON.parse error, from the position in its message. */
function jsonErrorAt(text: string, error: unknown): Omit<Location, 'file'> {
  const position = /position (\d+)/.exec(String((error as Error)?.message))?.[1];
  if (position === undefined) return {};
  const before = text.slice(0, Number(position)).split('\n');
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
    problems.push(problem(file, jsonErrorAt(text, error), fail(reason)));
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

/** out/changes.md as text: absent or blank means "no change report". */
export function parseChangesMarkdown(
  bytes: Uint8Array,
  file: string,
  problems: Problem[],
): string | undefined {
  if (bytes.includes(0)) {
    problems.push(problem(file, {}, msg.changesInvalid('it contains binary data')));
    return undefined;
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r\n?/g, '\n');
    return text.trim() ? text.trim() : undefined;
  } catch {
    problems.push(problem(file, {}, msg.changesInvalid('it is not UTF-8 text')));
    return undefined;
  }
}

const readOptional = (path: string): Promise<Uint8Array | undefined> =>
  readFile(path).then(
    (b) => new Uint8Array(b),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );

export async function readBuild(outDir: string): Promise<BuildSnapshot> {
  const manifestFile = `${outDir}/${MANIFEST_PATH}`;
  const dir = await realpath(outDir).catch(() => undefined);
  const bytes = dir ? await readOptional(join(dir, MANIFEST_PATH)) : undefined;
  if (!dir || !bytes) {
    const def = msg.buildMissing(outDir);
    throw new PipelineError(def.code, def.message, { file: manifestFile }, def.hint);
  }
  const problems: Problem[] = [];
  const manifest = parseJson<Manifest>(
    bytes,
    manifestFile,
    manifestSchema,
    msg.manifestInvalid,
    problems,
  );
  const changes: ChangeReport = {};
  const json = await readOptional(join(dir, CHANGES_JSON));
  if (json) {
    const file = `${outDir}/${CHANGES_JSON}`;
    const parsed = parseJson(json, file, changesSchema, msg.changesInvalid, problems);
    if (parsed) changes.changed = parsed.changed;
  }
  const md = await readOptional(join(dir, CHANGES_MD));
  const markdown = md && parseChangesMarkdown(md, `${outDir}/${CHANGES_MD}`, problems);
  if (markdown) changes.markdown = markdown;
  if (problems.length || !manifest) throw new ValidationFailed(problems);
  return { dir, manifest, manifestSha256: sha256(bytes), changes };
}
