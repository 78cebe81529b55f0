/**
 * Check the briefing's templates before anything is rendered: each parses, every figure,
 * quotation, source and chart it names exists, and each of those helpers is given an id at all.
 * Figures no template uses are reported as warnings.
 */
import Handlebars from 'handlebars';
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { InputFile } from '../types.ts';
import { decodeText } from './csv.ts';
import { problem } from './problems.ts';

/** The helpers that name something by id, and what they name. */
const KIND = { fig: 'claim', quote: 'quote', src: 'source', chart: 'chart' } as const;
type RefHelper = keyof typeof KIND;

export interface TemplateRef {
  helper: RefHelper;
  id: string;
  file: string;
  line: number;
  column: number;
}

type Node = { type: string; [key: string]: unknown };
type Call = Node & {
  path?: { original?: unknown };
  params?: (Node & { value?: unknown; original?: unknown })[];
  loc?: { start: { line: number; column: number } };
};

const isRefHelper = (name: unknown): name is RefHelper =>
  typeof name === 'string' && Object.hasOwn(KIND, name);

/**
 * Every {{fig "id"}}, {{quote "id"}}, {{src "id"}} and {{chart "id"}} in a parsed template,
 * wherever it is nested. A call without a quoted id ({{fig}}, {{chart rise}}) would only fail when
 * rendered, without a line: it is a located problem here.
 */
function collectRefs(node: unknown, file: string, refs: TemplateRef[], problems: Problem[]): void {
  if (Array.isArray(node)) return node.forEach((n) => collectRefs(n, file, refs, problems));
  if (!node || typeof node !== 'object') return;
  const n = node as Call;
  const helper = n.path?.original;
  if (isRefHelper(helper) && n.loc) {
    const at = { line: n.loc.start.line, column: n.loc.start.column + 1 };
    const first = n.params?.[0];
    if (first?.type === 'StringLiteral')
      refs.push({ helper, id: String(first.value), file, ...at });
    else {
      const got = first ? String(first.original ?? first.value ?? first.type) : undefined;
      problems.push(
        problem(file, { ...at, field: helper }, msg.templateRefMissing(KIND[helper], helper, got)),
      );
    }
  }
  for (const value of Object.values(n))
    if (value && typeof value === 'object') collectRefs(value, file, refs, problems);
}

export function scanTemplates(files: InputFile[], problems: Problem[]): TemplateRef[] {
  const refs: TemplateRef[] = [];
  for (const file of files) {
    const text = decodeText(file, problems);
    if (text === undefined) continue;
    let ast: ReturnType<typeof Handlebars.parse>;
    try {
      ast = Handlebars.parse(text);
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
      continue;
    }
    collectRefs(ast, file.path, refs, problems);
  }
  return refs;
}

export interface KnownIds {
  claims: { id: string; line: number }[];
  quotes: string[];
  sources: string[];
  /** The charts the templates may place (rendered later, so known here by id only). */
  charts: readonly string[];
}

export function checkTemplateRefs(
  refs: TemplateRef[],
  known: KnownIds,
  claimsFile: string,
  problems: Problem[],
): void {
  const ids: Record<RefHelper, readonly string[]> = {
    fig: known.claims.map((c) => c.id),
    quote: known.quotes,
    src: known.sources,
    chart: known.charts,
  };
  for (const ref of refs) {
    if (ids[ref.helper].includes(ref.id)) continue;
    const where = { line: ref.line, column: ref.column, field: ref.helper };
    problems.push(
      problem(
        ref.file,
        where,
        msg.templateRefUnknown(KIND[ref.helper], ref.id, [...ids[ref.helper]]),
      ),
    );
  }
  const used = new Set(refs.filter((r) => r.helper === 'fig').map((r) => r.id));
  for (const { id, line } of known.claims) {
    if (!used.has(id))
      problems.push(problem(claimsFile, { line, field: 'id' }, msg.claimUnused(id), 'warning'));
  }
}
