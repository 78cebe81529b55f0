import type { ErrorCode, Location, Problem, Severity } from '../errors.ts';
import * as msg from '../messages/index.ts';

/** A message from the catalogue, before it is given a place. */
export interface MessageDef {
  code: ErrorCode;
  message: string;
  expected?: string;
  got?: string;
  hint?: string;
}

/** Place a catalogue message at a file location. */
export function problem(
  file: string,
  where: Omit<Location, 'file'>,
  def: MessageDef,
  severity: Severity = 'error',
): Problem {
  return { ...def, severity, at: { file, ...where } };
}

export function errorsIn(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

export function warningsIn(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'warning');
}

/** A warning made an error by --strict, saying so; an error as it is. */
export function asError(p: Problem): Problem {
  return p.severity === 'error'
    ? p
    : { ...p, severity: 'error', message: msg.strictWarning(p.message) };
}
