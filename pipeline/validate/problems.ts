import type { ErrorCode, Location, Problem, Severity } from '../errors.ts';

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
