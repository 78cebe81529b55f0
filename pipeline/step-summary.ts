/**
 * The job summary a CI run shows on its page (GitHub Actions' $GITHUB_STEP_SUMMARY): what was
 * built, or every located problem with its hint, so a failed scheduled run says why without
 * anyone opening the log. Outside CI (no such variable) nothing is written.
 */
import { appendFileSync } from 'node:fs';
import { formatLocation, PipelineError, ValidationFailed, type Problem } from './errors.ts';

/** Markdown table cells: no pipes or line breaks may escape a cell. */
const cell = (text: string | undefined): string =>
  (text ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function problemsMarkdown(title: string, problems: Problem[], max = 50): string {
  const rows = problems
    .slice(0, max)
    .map(
      (p) =>
        `| \`${cell(formatLocation(p.at))}\` | ${p.severity === 'warning' ? 'warning' : 'error'} | \`${p.code}\` | ${cell(p.message)} | ${cell(p.hint)} |`,
    );
  const more = problems.length > max ? `\n…and ${problems.length - max} more: see the log.\n` : '';
  return [
    `### ${title}`,
    '',
    '| Where | Severity | Code | Problem | How to fix it |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    more,
  ].join('\n');
}

export function failureMarkdown(error: unknown): string {
  if (error instanceof ValidationFailed)
    return problemsMarkdown(
      `❌ The input is not valid (${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}); nothing was built or sent`,
      error.problems,
    );
  if (error instanceof PipelineError)
    return problemsMarkdown(`❌ ${error.code}: nothing was built or sent`, [
      {
        code: error.code,
        severity: 'error',
        message: error.message,
        at: error.at,
        ...(error.hint ? { hint: error.hint } : {}),
      },
    ]);
  const message = error instanceof Error ? error.message : String(error);
  return `### ❌ Unexpected error (a bug in the pipeline)\n\n\`\`\`\n${message}\n\`\`\`\n\nRun the same command with \`--debug\` to see the stack trace.\n`;
}

export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    appendFileSync(file, `${markdown.trimEnd()}\n\n`);
  } catch {
    // The summary is a convenience: failing to write it must not change the outcome.
  }
}
