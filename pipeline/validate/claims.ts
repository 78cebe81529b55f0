/**
 * Settle each claim's value: recompute it from the data where it declares a rule (failing the
 * build if a stated value has drifted from the data), and compare the number every source states
 * with it, recording disagreements rather than hiding them.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { findArea } from '../domain/dtoc-stats.ts';
import { computeMeasure, describeMeasure } from '../domain/measures.ts';
import type { Claim, Discrepancy, DtocDataset, ValidationReport } from '../types.ts';
import type { ClaimInput } from './content-schema.ts';
import { stripUndefined } from './content.ts';
import { rowKey } from './dtoc-rows.ts';
import { problem } from './problems.ts';
import type { YamlFile } from './yaml.ts';

export interface SettledClaims {
  claims: Claim[];
  discrepancies: Discrepancy[];
  checks: ValidationReport['claimChecks'];
}

/** The number a source states: "£5.3 billion" → 5.3, "185,000" → 185000. */
export function statedNumber(says: string): number | undefined {
  const match = /\d[\d,]*(\.\d+)?/.exec(says);
  return match ? Number(match[0].replace(/,/g, '')) : undefined;
}

function settleOne(
  input: ClaimInput,
  index: number,
  data: DtocDataset,
  yaml: YamlFile,
  problems: Problem[],
  out: SettledClaims,
  dropped: ReadonlySet<string>,
): void {
  const at = (path: (string | number)[], field: string) => ({
    ...yaml.locate([index, ...path]),
    field,
  });
  let value = input.value;
  let computed: Claim['computed'];
  if (input.compute) {
    const result = computeMeasure(input.compute, data);
    if ('error' in result) {
      // A row of the area left out for a bad cell is the reason, and is reported already.
      if (hasDroppedRows(input.compute.area, data, dropped)) return;
      problems.push(
        problem(yaml.file, at(['compute'], 'compute'), msg.computeFailed(input.id, result.error)),
      );
      return;
    }
    const tolerance = input.compute.tolerance;
    computed = {
      rule: describeMeasure(input.compute),
      value: result.value,
      tolerance,
    };
    if (value !== undefined) {
      const ok = Math.abs(value - result.value) <= tolerance;
      out.checks.push({ claim: input.id, stated: value, computed: result.value, tolerance, ok });
      if (!ok)
        problems.push(
          problem(
            yaml.file,
            at(['value'], 'value'),
            msg.claimDrift(input.id, value, result.value, tolerance),
          ),
        );
    }
    value ??= result.value;
  }
  if (value === undefined) return;
  const { compute: _c, cite, value: _v, ...rest } = input;
  const claim: Claim = {
    ...stripUndefined(rest),
    value,
    citations: cite.map(stripUndefined),
    ...(computed ? { computed } : {}),
  };
  out.claims.push(claim);
  compareSources(claim, index, yaml, problems, out.discrepancies);
}

/**
 * Record where a source's number disagrees with the settled value. A disagreement is a warning
 * until someone has looked at it and said so in the citation's `reviewed`; either way it is kept
 * as a discrepancy, which the briefing's notes and the validation report show.
 */
function compareSources(
  claim: Claim,
  index: number,
  yaml: YamlFile,
  problems: Problem[],
  discrepancies: Discrepancy[],
): void {
  const tolerance = claim.computed?.tolerance ?? 0;
  const versions = claim.citations.flatMap((c, j) => {
    if (c.says === undefined) return [];
    const stated = c.stated ?? statedNumber(c.says);
    if (stated === undefined) {
      // Words with no figure in them ("nine out of ten") need the number they stand for.
      const where = { ...yaml.locate([index, 'cite', j, 'says']), field: 'says' };
      problems.push(problem(yaml.file, where, msg.saysNoNumber(c.says)));
      return [];
    }
    const supported =
      stated !== undefined && Math.abs(Math.abs(stated) - Math.abs(claim.value)) <= tolerance;
    if (!supported && !c.reviewed) {
      const where = { ...yaml.locate([index, 'cite', j, 'says']), field: 'says' };
      problems.push(
        problem(
          yaml.file,
          where,
          msg.sourcesConflict(claim.id, c.source, stated ?? NaN, claim.value),
          'warning',
        ),
      );
    }
    return [{ source: c.source, text: c.says, supported, reviewed: c.reviewed }];
  });
  const conflicting = versions.filter((v) => !v.supported);
  if (conflicting.length > 0) {
    const reviewed = conflicting.map((v) => v.reviewed).filter((r): r is string => Boolean(r));
    discrepancies.push({
      kind: 'figure',
      subject: claim.label,
      ids: [claim.id],
      versions: versions.map(({ reviewed: _r, ...v }) => v),
      ...(claim.computed ? { computed: claim.computed.value } : {}),
      ...(reviewed.length ? { reviewed: reviewed.join(' ') } : {}),
    });
  }
  for (const c of claim.citations) {
    if (c.note)
      discrepancies.push({
        kind: 'wording',
        subject: claim.label,
        ids: [claim.id],
        versions: [{ source: c.source, text: c.says ?? '', supported: true }],
        note: c.note,
      });
  }
}

function hasDroppedRows(area: string, data: DtocDataset, dropped: ReadonlySet<string>): boolean {
  const name = findArea(data, area)?.name;
  if (name === undefined || dropped.size === 0) return false;
  const prefix = rowKey(name, '');
  return [...dropped].some((key) => key.startsWith(prefix));
}

/** `dropped`: keys (rowKey of area and month) of data rows left out for a bad cell. */
export function settleClaims(
  inputs: ClaimInput[],
  data: DtocDataset,
  yaml: YamlFile,
  problems: Problem[],
  dropped: ReadonlySet<string> = new Set(),
): SettledClaims {
  const out: SettledClaims = { claims: [], discrepancies: [], checks: [] };
  inputs.forEach((input, index) => settleOne(input, index, data, yaml, problems, out, dropped));
  return out;
}
