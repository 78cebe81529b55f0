/**
 * The members of the ErrorCode union, as values: read from its declaration in pipeline/errors.ts
 * with the TypeScript parser, so the list never falls out of step with the type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { ErrorCode } from '../../pipeline/errors.ts';

const ERRORS_TS = join(import.meta.dirname, '..', '..', 'pipeline', 'errors.ts');

function readErrorCodes(): ErrorCode[] {
  const source = ts.createSourceFile(
    ERRORS_TS,
    readFileSync(ERRORS_TS, 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(s) && s.name.text === 'ErrorCode',
  );
  if (!alias || !ts.isUnionTypeNode(alias.type))
    throw new Error(`no "type ErrorCode = 'A' | 'B' | …" in ${ERRORS_TS}`);
  return alias.type.types.map((member) => {
    if (!ts.isLiteralTypeNode(member) || !ts.isStringLiteral(member.literal))
      throw new Error(
        `ErrorCode has a member that is not a string literal: ${member.getText(source)}`,
      );
    return member.literal.text as ErrorCode;
  });
}

export const ERROR_CODES: readonly ErrorCode[] = readErrorCodes();

const known = new Set<string>(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && known.has(value);
}
