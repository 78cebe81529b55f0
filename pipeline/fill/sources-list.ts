/**
 * The Sources section, generated from the sources and the claims and quotations that cite them:
 * each entry says what the briefing takes from that source, and where in it.
 */
import { formatDate, formatValue } from '../domain/format.ts';
import type { Claim, Quote, Source } from '../types.ts';
import { esc } from './html.ts';

function where(citation: { line?: number | undefined; locator?: string | undefined }): string {
  return citation.line !== undefined ? `line ${citation.line}` : (citation.locator ?? '');
}

/** "£5.3bn, 151 (paragraph 9); 14% (paragraph 3)": figures grouped by where they are in the source. */
function figuresFrom(source: Source, claims: Claim[]): string {
  const groups = new Map<string, string[]>();
  for (const claim of claims) {
    for (const c of claim.citations.filter((x) => x.source === source.id)) {
      const key = where(c);
      groups.set(key, [
        ...(groups.get(key) ?? []),
        formatValue(claim.value, claim.unit, claim.value < 0),
      ]);
    }
  }
  return [...groups].map(([at, values]) => `${[...new Set(values)].join(', ')} (${at})`).join('; ');
}

function quotesFrom(source: Source, quotes: Quote[]): string {
  const used = quotes.filter((q) => q.citation.source === source.id);
  return used.map((q) => `${q.speaker} (${where(q.citation)})`).join('; ');
}

function describe(source: Source): string {
  const parts = [
    source.author ? esc(source.author) : '',
    esc(source.publisher),
    `<cite>${esc(source.title)}</cite>`,
    source.reference ? esc(source.reference) : '',
    source.date ? esc(formatDate(source.date)) : source.file ? 'undated copy' : '',
  ].filter(Boolean);
  let text = `${parts.join(', ')}.`;
  if (source.url) text += ` <a href="${esc(source.url)}">${esc(source.url)}</a>`;
  if (source.file) text += ` Text held as <span class="path">data/${esc(source.file)}</span>.`;
  if (source.licence) text += ` ${esc(source.licence)}.`;
  return text;
}

export function sourcesList(
  sources: Source[],
  claims: Claim[],
  quotes: Quote[],
  usedClaims: Set<string>,
): string {
  const items = sources.map((source) => {
    const relevant = claims.filter((c) => usedClaims.has(c.id));
    const figures = figuresFrom(source, relevant);
    const said = quotesFrom(source, quotes);
    let text = describe(source);
    if (figures) text += ` <span class="used-for">Figures: ${esc(figures)}.</span>`;
    if (said) text += ` <span class="used-for">Quotations: ${esc(said)}.</span>`;
    return `<li id="source-${esc(source.id)}">${text}</li>`;
  });
  return `<ol class="sources">${items.join('')}</ol>`;
}
