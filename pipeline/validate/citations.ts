/**
 * Check that a citation points at text that is really there: the source exists, and for a
 * source we hold as a file, the cited line contains the cited words.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { Citation, Source } from '../types.ts';
import { problem } from './problems.ts';

/** Straight quotes and hyphens, single spaces: how a person would type a quotation. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface CitationContext {
  sources: Map<string, Source>;
  /** Lines of each source file we hold, keyed by source id. */
  lines: Map<string, string[]>;
}

export interface Located {
  file: string;
  line: number;
  column: number;
}

/** Returns the problems with one citation of `words` (the figure's text or a whole quotation). */
export function checkCitation(
  citation: Citation,
  words: string | undefined,
  ctx: CitationContext,
  at: Located,
  problems: Problem[],
): void {
  const where = { line: at.line, column: at.column, field: 'source' };
  const source = ctx.sources.get(citation.source);
  if (!source) {
    problems.push(
      problem(at.file, where, msg.sourceUnknown(citation.source, [...ctx.sources.keys()])),
    );
    return;
  }
  const lines = ctx.lines.get(source.id);
  if (citation.line === undefined || words === undefined || !lines) return;
  const wanted = normaliseText(words);
  const text = normaliseText(lines[citation.line - 1] ?? '');
  if (text.includes(wanted)) return;
  const found = lines.findIndex((l) => normaliseText(l).includes(wanted));
  problems.push(
    problem(
      at.file,
      { ...where, field: 'line' },
      msg.citationNotFound(
        words,
        source.file ?? source.id,
        citation.line,
        found >= 0 ? found + 1 : undefined,
      ),
    ),
  );
}
