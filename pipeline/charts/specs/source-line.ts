import type { ValidDataset } from '../../types.ts';

/** The short form, for briefings whose Sources section carries the licence. */
export const NHSE_SOURCE_SHORT =
  'Source: NHS England, Delayed Transfers of Care statistics (see Sources).';

export const NHSE_SOURCE_LINE =
  'Source: NHS England, Delayed Transfers of Care statistics, monthly situation reports. Contains public sector information licensed under the Open Government Licence v3.0.';

/** "Source: National Audit Office, Health and social care integration (HC 1011)." */
export function sourceLineFor(valid: ValidDataset, ids: string[]): string {
  const parts = ids.map((id) => {
    const s = valid.briefing.sources.find((x) => x.id === id);
    if (!s) throw new Error(`unknown source "${id}"`);
    return `${s.publisher}, ${s.title}${s.reference ? ` (${s.reference})` : ''}`;
  });
  return `Source: ${parts.join('; ')}.`;
}
