/**
 * Check the briefing's templates before anything is rendered: each parses, and every figure and
 * quotation it names exists. Figures no template uses are reported as warnings.
 */
import Handlebars from 'handlebars';
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { InputFile } from '../types.ts';
import { decodeText } from './csv.ts';
import { problem } from './problems.ts';

export interface TemplateRef {
  helper: 'fig' | 'quote' | 'src';
  id: string;
  file: string;
  line: number;
  column: number;
}

type Node = { type: string; [key: string]: unknown };

/** Every {{fig "id"}} and {{quote "id"}} in a parsed template, wherever it is nested. */
function collectRefs(node: unknown, file: string, refs: TemplateRef[]): void {
  if (Array.isArray(node)) return node.forEach((n) => collectRefs(n, file, refs));
  if (!node || typeof node !== 'object') return;
  const n = node as Node & {
    path?: { original?: unknown };
    params?: Node[];
    loc?: { start: { line: number; column: number } };
  };
  const helper = n.path?.original;
  const first = n.params?.[0] as (Node & { value?: unknown }) | undefined;
  if (
    (helper === 'fig' || helper === 'quote' || helper === 'src') &&
    first?.type === 'StringLiteral' &&
    n.loc
  ) {
    refs.push({
      helper,
      id: String(first.value),
      file,
      line: n.loc.start.line,
      column: n.loc.start.column + 1,
    });
  }
  for (const value of Object.values(n))
    if (value && typeof value === 'object') collectRefs(value, file, refs);
}

export function scanTemplates(files: InputFile[], problems: Problem[]): TemplateRef[] {
  const refs: TemplateRef[] = [];
  for (const file of files) {
    const text = decodeText(file, problems);
    if (text === undefined) continue;
    try {
      collectRefs(Handlebars.parse(text), file.path, refs);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Handlebars gives the line as a property for block errors, and in the text for parse errors.
      const line =
        (error as { lineNumber?: number }).lineNumber ?? /on line (\d+)/.exec(reason)?.[1];
      problems.push(
        problem(
          file.path,
          line ? { line: Number(line) } : {},
          msg.templateSyntax(reason.split('\n').slice(-1)[0] ?? reason),
        ),
      );
    }
  }
  return refs;
}

export interface KnownIds {
  claims: { id: string; line: number }[];
  quotes: string[];
  sources: string[];
}

const KIND = { fig: 'claim', quote: 'quote', src: 'source' } as const;

export function checkTemplateRefs(
  refs: TemplateRef[],
  known: KnownIds,
  claimsFile: string,
  problems: Problem[],
): void {
  const ids = { fig: known.claims.map((c) => c.id), quote: known.quotes, src: known.sources };
  for (const ref of refs) {
    if (ids[ref.helper].includes(ref.id)) continue;
    const where = { line: ref.line, column: ref.column, field: ref.helper };
    problems.push(
      problem(ref.file, where, msg.templateRefUnknown(KIND[ref.helper], ref.id, ids[ref.helper])),
    );
  }
  const used = new Set(refs.filter((r) => r.helper === 'fig').map((r) => r.id));
  for (const { id, line } of known.claims) {
    if (!used.has(id))
      problems.push(problem(claimsFile, { line, field: 'id' }, msg.claimUnused(id), 'warning'));
  }
}
