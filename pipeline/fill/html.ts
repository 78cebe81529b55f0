/** Building HTML from data inside helpers: every dynamic value goes through `esc`. */
import Handlebars from 'handlebars';

export const esc = (value: unknown): string => Handlebars.Utils.escapeExpression(String(value));

/** Mark helper output as already-escaped HTML (the helper built it from escaped parts). */
export const html = (markup: string): Handlebars.SafeString => new Handlebars.SafeString(markup);

/** A citation marker linking to the source's entry in the Sources section. */
export function citeMarker(source: { id: string; number: number }): string {
  return `<a class="cite" href="#source-${esc(source.id)}"><span class="visually-hidden">source </span>[${source.number}]</a>`;
}

/**
 * A figure shown without a marker (a table cell) is itself the link to its source's entry: named
 * for screen readers by the hidden text, and titled for a pointer, so no marker clutters the table.
 */
export function sourceLink(
  source: { id: string; number: number; publisher: string; title: string },
  markup: string,
): string {
  const title = `Source [${source.number}]: ${source.publisher}, ${source.title}`;
  return `<a class="source-link" href="#source-${esc(source.id)}" title="${esc(title)}">${markup}<span class="visually-hidden"> (source [${source.number}])</span></a>`;
}
