/**
 * "Notes on the sources": one sentence or two for each place where the sources disagree with each
 * other or with the data, built from the validated discrepancies (never typed by hand).
 */
import { formatNumber, formatValue } from '../domain/format.ts';
import type { Claim, Discrepancy, Source } from '../types.ts';
import { citeMarker, esc } from './html.ts';

type Lookup = { sources: Map<string, Source>; claims: Map<string, Claim> };

const name = (source: Source): string =>
  `${esc(source.publisher.split(' (')[0])} ${citeMarker(source)}`;

function joinAnd(items: string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The words that differ between two versions of a quotation, with one word of context each side. */
export function differingWords(a: string, b: string): [string, string] {
  const wa = a.split(/\s+/);
  const wb = b.split(/\s+/);
  let start = 0;
  while (start < wa.length && start < wb.length && wa[start] === wb[start]) start++;
  let end = 0;
  while (
    end < wa.length - start &&
    end < wb.length - start &&
    wa[wa.length - 1 - end] === wb[wb.length - 1 - end]
  )
    end++;
  const from = Math.max(0, start - 1);
  const clip = (words: string[]) => words.join(' ').replace(/[.,;:]+$/, '');
  return [clip(wa.slice(from, wa.length - end + 1)), clip(wb.slice(from, wb.length - end + 1))];
}

function figureNote(d: Discrepancy, look: Lookup): string {
  const claim = look.claims.get(d.ids[0]!)!;
  const value = formatValue(claim.value, claim.unit);
  const src = (id: string) => look.sources.get(id)!;
  const wrong = d.versions
    .filter((v) => !v.supported)
    .map((v) => `${name(src(v.source))} gives ${esc(v.text)}`);
  const right = [
    ...new Set([
      claim.citations[0]!.source,
      ...d.versions.filter((v) => v.supported).map((v) => v.source),
    ]),
  ].map((id) => name(src(id)));
  let text = `<strong>${esc(claim.label)}.</strong> ${joinAnd(wrong)}; ${joinAnd(right)} give ${esc(value)}.`;
  if (d.computed !== undefined) {
    text += ` NHS England's monthly data give ${esc(formatNumber(d.computed))}, which supports ${esc(value)}; this briefing uses ${esc(value)}.`;
  }
  return text;
}

function quotationNote(d: Discrepancy, look: Lookup): string {
  const [first, second] = d.versions as [Discrepancy['versions'][0], Discrepancy['versions'][0]];
  const [wa, wb] = differingWords(first.text, second.text);
  return (
    `<strong>${esc(d.subject)} is quoted in two versions.</strong> ${name(look.sources.get(first.source)!)} has “${esc(wa)}”; ` +
    `${name(look.sources.get(second.source)!)} has “${esc(wb)}”. This briefing quotes ${esc(look.sources.get(first.source)!.publisher)}'s version and does not treat either as the exact words.`
  );
}

function wordingNote(d: Discrepancy, look: Lookup): string {
  const source = look.sources.get(d.versions[0]!.source)!;
  return `<strong>${esc(d.subject)}.</strong> ${esc(d.note ?? '')} ${citeMarker(source)}`;
}

/** One HTML list item body per discrepancy. */
export function discrepancyNotes(discrepancies: Discrepancy[], look: Lookup): string[] {
  return discrepancies.map((d) =>
    d.kind === 'figure'
      ? figureNote(d, look)
      : d.kind === 'quotation'
        ? quotationNote(d, look)
        : wordingNote(d, look),
  );
}
