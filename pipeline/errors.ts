/**
 * Typed, located errors. Every failure a user can act on is a PipelineError with a code, a
 * location (file, row, field) and a hint; anything else is an internal error (a bug).
 */
import type { MessageDef } from './validate/problems.ts';

export type ErrorCode =
  // input files
  | 'DATA_FILE_MISSING'
  | 'DATA_FILE_EMPTY'
  | 'DATA_FILE_NOT_UTF8'
  | 'DATA_FILE_BINARY'
  | 'DATA_CSV_MALFORMED'
  | 'DATA_CSV_HEADER_ONLY'
  | 'DATA_COLUMN_MISSING'
  | 'DATA_COLUMN_UNKNOWN'
  | 'DATA_COLUMN_DUPLICATE'
  | 'DATA_ROW_WRONG_LENGTH'
  | 'DATA_FIELD_NOT_NUMBER'
  | 'DATA_FIELD_OUT_OF_RANGE'
  | 'DATA_FIELD_EMPTY'
  | 'DATA_PERIOD_INVALID'
  | 'DATA_CODE_INVALID'
  | 'DATA_ROW_DUPLICATE'
  | 'DATA_MONTH_MISSING'
  | 'DATA_REASONS_NOT_TOTAL'
  | 'DATA_ORG_NOT_TOTAL'
  | 'DATA_ORG_ROW_MISSING'
  | 'DATA_ENGLAND_MISSING'
  | 'DATA_ENGLAND_BELOW_AREAS'
  | 'DATA_ENGLAND_FAR_FROM_AREAS'
  | 'DATA_AREA_CODE_CONFLICT'
  | 'DATA_VALUE_UNUSUAL'
  // briefing content (YAML): sources, claims, quotes
  | 'CONTENT_YAML_INVALID'
  | 'CONTENT_SCHEMA'
  | 'CONTENT_ID_DUPLICATE'
  | 'CONTENT_SOURCE_UNKNOWN'
  | 'CONTENT_SOURCE_FILE_MISSING'
  | 'CONTENT_CITATION_NOT_FOUND'
  | 'CLAIM_COMPUTE_UNKNOWN'
  | 'CLAIM_DRIFT'
  | 'CLAIM_VALUE_OUT_OF_RANGE'
  | 'CLAIM_SOURCES_CONFLICT'
  | 'CLAIM_UNUSED'
  | 'QUOTE_VARIANT'
  // templates and rendering
  | 'TEMPLATE_SYNTAX'
  | 'TEMPLATE_CLAIM_UNKNOWN'
  | 'TEMPLATE_QUOTE_UNKNOWN'
  | 'TEMPLATE_CHART_UNKNOWN'
  | 'TEMPLATE_ELEMENT_UNSUPPORTED'
  | 'TEMPLATE_RENDER'
  | 'CHART_RENDER'
  | 'PDF_LAYOUT'
  | 'AREA_FAILED'
  // command line and output
  | 'USAGE'
  | 'OUTPUT_LOCKED'
  | 'OUTPUT_NOT_A_FOLDER'
  | 'OUTPUT_UNWRITABLE'
  | 'MERGE_NOT_A_BUILD'
  | 'MERGE_CORRUPT'
  | 'MERGE_MISMATCH'
  | 'MERGE_CONFLICT'
  | 'STATE_INVALID'
  // distribution: recipients (data/stakeholders.csv)
  | 'STAKEHOLDER_FIELD_EMPTY'
  | 'STAKEHOLDER_FIELD_INVALID'
  | 'STAKEHOLDER_EMAIL_INVALID'
  | 'STAKEHOLDER_REPORT_UNKNOWN'
  | 'STAKEHOLDER_DUPLICATE'
  // distribution: the build, the ledger, approval and delivery
  | 'DISTRIBUTE_BUILD_MISSING'
  | 'DISTRIBUTE_MANIFEST_INVALID'
  | 'DISTRIBUTE_CHANGES_INVALID'
  | 'DISTRIBUTE_REPORT_NOT_BUILT'
  | 'DISTRIBUTE_OUTPUT_MISMATCH'
  | 'DISTRIBUTE_LEDGER_CORRUPT'
  | 'DISTRIBUTE_NOT_APPROVED'
  | 'DISTRIBUTE_LOCKED'
  | 'DISTRIBUTE_REJECTED'
  | 'DISTRIBUTE_UNREACHABLE'
  | 'DISTRIBUTE_SMTP_SETUP';

/** Where a problem is: modelled on vfile-message (file, line, column) plus the row and field of a table. */
export interface Location {
  file: string;
  line?: number;
  column?: number;
  field?: string;
}

export type Severity = 'error' | 'warning';

/** One problem found in the input; validation collects these before failing once. */
export interface Problem {
  code: ErrorCode;
  severity: Severity;
  message: string;
  at: Location;
  expected?: string;
  got?: string;
  hint?: string;
}

export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly at: Location,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  static from(problem: Problem): PipelineError {
    return new PipelineError(problem.code, problem.message, problem.at, problem.hint);
  }

  /** A catalogue message (see pipeline/messages) placed at `at`. */
  static of(def: MessageDef, at: Location, options?: ErrorOptions): PipelineError {
    return new PipelineError(def.code, def.message, at, def.hint, options);
  }
}

/** Several problems at once: thrown by validation after it has looked at everything. */
export class ValidationFailed extends Error {
  override readonly name = 'ValidationFailed';
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem(s) in the input`);
  }
}

/** Exit codes: 0 success, 1 invalid input, 2 usage error, 3 internal error. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, internal: 3 } as const;

export function exitCodeFor(error: unknown): number {
  if (error instanceof PipelineError)
    return error.code === 'USAGE' ? EXIT.usage : EXIT.invalidInput;
  if (error instanceof ValidationFailed) return EXIT.invalidInput;
  return EXIT.internal;
}

export function formatLocation(at: Location): string {
  let text = at.file;
  if (at.line !== undefined) text += `:${at.line}`;
  if (at.column !== undefined) text += `:${at.column}`;
  if (at.field !== undefined) text += ` [${at.field}]`;
  return text;
}

/** `data/x.csv:214 [Awaiting public funding] DATA_FIELD_NOT_NUMBER: expected …, got "12a"` + hint. */
export function formatProblem(p: Problem): string {
  const tag = p.severity === 'warning' ? 'warning ' : '';
  let text = `${formatLocation(p.at)} ${tag}${p.code}: ${p.message}`;
  if (p.hint) text += `\n  hint: ${p.hint}`;
  return text;
}

export function formatError(error: PipelineError): string {
  return formatProblem({
    code: error.code,
    severity: 'error',
    message: error.message,
    at: error.at,
    ...(error.hint ? { hint: error.hint } : {}),
  });
}

/**
 * Where in its template a Handlebars error happened, as a 1-based line and column: a render error
 * ends "- 9:19" (line and 0-based column), a parse error says "on line 9".
 */
export function templatePosition(message: string): { line?: number; column?: number } {
  const at = / - (\d+):(\d+)\s*$/m.exec(message);
  if (at) return { line: Number(at[1]), column: Number(at[2]) + 1 };
  const line = /\bline (\d+)/.exec(message)?.[1];
  return line ? { line: Number(line) } : {};
}
