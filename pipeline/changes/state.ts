/**
 * The snapshot of the last distributed build (state/last-sent.json), read back and checked. A
 * missing file means nothing has been distributed yet; a damaged one is a located error, never a
 * silent "everything is new" (which would send every report again).
 */
import { z } from 'zod';
import { PipelineError } from '../errors.ts';
import { DEFAULT_OPTIONS } from '../options.ts';
import * as msg from '../messages/index.ts';
import { SNAPSHOT_FORMAT, type Snapshot } from './snapshot.ts';

/** The state folder (shared with `npm run distribute`) and the snapshot in it. */
export const DEFAULT_STATE_DIR = DEFAULT_OPTIONS.stateDir;
export const LAST_SENT = 'last-sent.json';
export const FIGURES_JSON = 'figures.json';

const month = z.string().regex(/^\d{4}-\d{2}$/, 'a month as YYYY-MM');
const unit = z.enum(['gbp-bn', 'gbp-m', 'count', 'days', 'admissions', 'percent']);
const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  briefing: z.string(),
  date: z.string(),
  months: z.object({ first: month, last: month }),
  reports: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string(),
      code: z.string().optional(),
      pdf: z.string(),
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256'),
      figures: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          value: z.number().nullable(),
          unit,
          signed: z.literal(true).optional(),
        }),
      ),
      monthly: z.object({ first: month, days: z.array(z.number().nullable()) }),
    }),
  ),
});

export function parseSnapshot(bytes: Uint8Array, file: string): Snapshot {
  const fail = (detail: string, field?: string): never => {
    const def = msg.stateInvalid(file, detail);
    throw PipelineError.of(def, { file, ...(field ? { field } : {}) });
  };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return fail(error instanceof SyntaxError ? error.message : 'it is not UTF-8 text');
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    return fail(`${field || 'the file'}: ${issue.message}`, field || undefined);
  }
  return parsed.data as Snapshot;
}
