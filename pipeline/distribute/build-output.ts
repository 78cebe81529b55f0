/**
 * The build being distributed, read defensively: out/manifest.json (whose sha256 is what a person
 * approves), and the change report out/changes.md and out/changes.json when the build wrote them.
 * `out` is resolved once, so a build that swaps in a new folder meanwhile cannot mix two builds.
 */
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PipelineError, ValidationFailed, type Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { MANIFEST_PATH, sha256, type Manifest } from '../output/manifest.ts';
import { problem, type MessageDef } from '../validate/problems.ts';
import { parseJson } from './json.ts';
import type { BuildSnapshot, ChangeReport, Delivery } from './types.ts';

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
// What distribution uses of the change report; anything else in it is the report's own business.
// A report's status is optional: change reports written before statuses were added have none.
const changesSchema = z.looseObject({
  changed: z.boolean(),
  summary: z.array(z.string()).optional(),
  reports: z
    .array(
      z.looseObject({
        id: z.string().min(1),
        lines: z.array(z.string()),
        status: z.enum(['new', 'changed', 'unchanged', 'removed']).optional(),
      }),
    )
    .optional(),
});

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

const located = (def: MessageDef, file: string): PipelineError => PipelineError.of(def, { file });

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
    throw located(msg.buildMissing(outDir), manifestFile);
  }
  const problems: Problem[] = [];
  const manifest = parseJson<Manifest>(
    bytes,
    manifestFile,
    manifestSchema,
    msg.manifestInvalid,
    problems,
  );
  const changes: ChangeReport = { unchanged: new Set() };
  const json = await readOptional(join(dir, CHANGES_JSON));
  if (json) {
    const file = `${outDir}/${CHANGES_JSON}`;
    const parsed = parseJson(json, file, changesSchema, msg.changesInvalid, problems);
    if (parsed) changes.changed = parsed.changed;
    for (const r of parsed?.reports ?? [])
      if (r.status === 'unchanged') changes.unchanged.add(r.id);
    if (parsed?.summary && parsed.reports)
      changes.perReport = {
        summary: parsed.summary,
        reports: new Map(parsed.reports.map((r) => [r.id, r.lines])),
      };
  }
  const md = await readOptional(join(dir, CHANGES_MD));
  const markdown = md && parseChangesMarkdown(md, `${outDir}/${CHANGES_MD}`, problems);
  if (markdown) changes.markdown = markdown;
  if (problems.length || !manifest) throw new ValidationFailed(problems);
  return { dir, manifest, manifestSha256: sha256(bytes), changes };
}

/** Each PDF to attach, read from the build folder and checked against the manifest. */
export async function readPdfs(build: BuildSnapshot, out: string, deliveries: Delivery[]) {
  const pdfs = new Map<string, Uint8Array>();
  for (const { pdf } of deliveries) {
    if (pdfs.has(pdf.path)) continue;
    const file = `${out}/${pdf.path}`;
    const bytes = await readFile(join(build.dir, pdf.path)).catch(() => undefined);
    if (!bytes) throw located(msg.outputMismatch(file, 'is missing'), file);
    if (sha256(bytes) !== pdf.sha256)
      throw located(msg.outputMismatch(file, 'differs from its sha256 in the manifest'), file);
    pdfs.set(pdf.path, new Uint8Array(bytes));
  }
  return pdfs;
}
