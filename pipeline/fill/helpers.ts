/**
 * Template helpers for briefing content. Each builds its HTML from escaped parts and returns it
 * as a SafeString, so templates never need triple-stash: {{fig "id"}}, {{src "id"}},
 * {{quote "id"}}, {{chart "id"}}, {{notes}}, {{sources}}.
 */
import type Handlebars from 'handlebars';
import { PipelineError } from '../errors.ts';
import * as msg from '../messages/index.ts';
import { formatValue } from '../domain/format.ts';
import type { ChartImage, Claim, Discrepancy, Quote, Source } from '../types.ts';
import { renderChartFigure } from './chart-figure.ts';
import { citeMarker, esc, html, sourceLink } from './html.ts';
import { discrepancyNotes } from './notes.ts';
import { sourcesList } from './sources-list.ts';

export interface HelperContext {
  templatePath: string;
  claims: Map<string, Claim>;
  quotes: Map<string, Quote>;
  sources: Map<string, Source>;
  charts: Map<string, ChartImage>;
  discrepancies: Discrepancy[];
}

type Options = Handlebars.HelperOptions;

function lookup<T>(
  map: Map<string, T>,
  id: unknown,
  kind: 'claim' | 'quote' | 'chart' | 'source',
  ctx: HelperContext,
  options: Options,
): T {
  const found = map.get(String(id));
  if (found !== undefined) return found;
  const loc = (options as unknown as { loc?: { start: { line: number; column: number } } }).loc
    ?.start;
  const def = msg.templateRefUnknown(kind, String(id), [...map.keys()]);
  throw new PipelineError(
    def.code,
    def.message,
    { file: ctx.templatePath, ...(loc ? { line: loc.line, column: loc.column + 1 } : {}) },
    def.hint,
  );
}

/** The helpers for one render; they keep the figure numbering and what was cited. */
export function makeHelpers(ctx: HelperContext): Record<string, Handlebars.HelperDelegate> {
  const usedClaims = new Set<string>();
  const usedQuotes = new Set<string>();
  let figureNumber = 0;

  const fig = (id: unknown, options: Options) => {
    const claim = lookup(ctx.claims, id, 'claim', ctx, options);
    usedClaims.add(claim.id);
    const value = options.hash.abs ? Math.abs(claim.value) : claim.value;
    const text = `${claim.qualifier ? `${claim.qualifier} ` : ''}${formatValue(value, claim.unit, Boolean(options.hash.sign))}`;
    const source = ctx.sources.get(claim.citations[0]!.source)!;
    const figure = `<span class="fig">${esc(text)}</span>`;
    // cite=false (a table cell) drops the marker, not the link: the number links to its source.
    return html(
      options.hash.cite === false ? sourceLink(source, figure) : figure + citeMarker(source),
    );
  };

  const src = (id: unknown, options: Options) =>
    html(citeMarker(lookup(ctx.sources, id, 'source', ctx, options)));

  const quote = (id: unknown, options: Options) => {
    const quote = lookup(ctx.quotes, id, 'quote', ctx, options);
    usedQuotes.add(quote.id);
    const source = ctx.sources.get(quote.citation.source)!;
    // A quotation that starts mid-sentence is marked as such.
    const text = /^[a-z]/.test(quote.text) ? `…${quote.text}` : quote.text;
    return html(
      `<figure class="quote"><blockquote><p>“${esc(text)}”</p></blockquote>` +
        `<figcaption>${esc(quote.speaker)}, ${esc(quote.role)}, quoted by ${esc(source.publisher.split(' (')[0])} ${citeMarker(source)}</figcaption></figure>`,
    );
  };

  const chart = (id: unknown, options: Options) => {
    const chart = lookup(ctx.charts, id, 'chart', ctx, options);
    figureNumber++;
    return html(renderChartFigure(chart, figureNumber, true));
  };

  const notes = () => {
    const items = discrepancyNotes(ctx.discrepancies, { sources: ctx.sources, claims: ctx.claims });
    for (const d of ctx.discrepancies)
      if (d.kind === 'quotation') d.ids.forEach((q) => usedQuotes.add(q));
    return html(`<ul class="notes">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
  };

  const sources = () => {
    const quotes = [...ctx.quotes.values()].filter((q) => usedQuotes.has(q.id));
    return html(
      sourcesList([...ctx.sources.values()], [...ctx.claims.values()], quotes, usedClaims),
    );
  };

  return { fig, src, quote, chart, notes, sources } as Record<string, Handlebars.HelperDelegate>;
}
