/** Read a PDF back with poppler and qpdf (installed by scripts/setup-system.sh). */
import { execFileSync } from 'node:child_process';

const run = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

export const pdfinfo = (file: string): string => run('pdfinfo', [file]);
export const pdfStructure = (file: string): string => run('pdfinfo', ['-struct-text', file]);
export const pdffonts = (file: string): string => run('pdffonts', [file]);
export const pdftotext = (file: string): string => run('pdftotext', ['-layout', file, '-']);

/** The document catalog and related objects as qpdf's JSON. */
export function qpdfJson(file: string): {
  qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
} {
  return JSON.parse(run('qpdf', ['--json', '--json-key=qpdf', file]));
}
