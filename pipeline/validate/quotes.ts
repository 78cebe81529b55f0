/**
 * Flag a speaker quoted differently by two sources: quotations of the same speaker whose words
 * mostly match (the same remark) but not exactly.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { Discrepancy, Quote } from '../types.ts';
import { normaliseText } from './citations.ts';
import { problem } from './problems.ts';
import type { YamlFile } from './yaml.ts';

const words = (text: string): string[] =>
  normaliseText(text)
    .toLowerCase()
    .replace(/[^\w\s']/g, '')
    .split(' ');

/** Length of the longest common subsequence of two word lists. */
function commonWords(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (const wa of a) {
    const row = [0];
    b.forEach((wb, j) => row.push(wa === wb ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!)));
    prev = row;
  }
  return prev[b.length]!;
}

/** Two quotations are the same remark when at least 70% of the longer one's words are shared in order. */
export function sameRemark(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  return commonWords(wa, wb) >= 0.7 * Math.max(wa.length, wb.length);
}

export function findQuoteVariants(
  quotes: Quote[],
  yaml: YamlFile,
  problems: Problem[],
): Discrepancy[] {
  const found: Discrepancy[] = [];
  quotes.forEach((q, i) => {
    quotes.slice(i + 1).forEach((other, k) => {
      if (q.speaker !== other.speaker || q.citation.source === other.citation.source) return;
      if (normaliseText(q.text) === normaliseText(other.text) || !sameRemark(q.text, other.text))
        return;
      const reviewed = other.reviewed ?? q.reviewed;
      if (!reviewed) {
        const where = { ...yaml.locate([i + 1 + k, 'text']), field: 'text' };
        problems.push(
          problem(yaml.file, where, msg.quoteVariant(q.speaker, q.id, other.id), 'warning'),
        );
      }
      found.push({
        kind: 'quotation',
        subject: q.speaker,
        ids: [q.id, other.id],
        versions: [
          { source: q.citation.source, text: q.text, supported: true },
          { source: other.citation.source, text: other.text, supported: true },
        ],
        ...(reviewed ? { reviewed } : {}),
      });
    });
  });
  return found;
}
