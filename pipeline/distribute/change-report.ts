/**
 * The change report (out/changes.md) as simple blocks for the email: headings, bullet lists and
 * paragraphs, with **bold** runs. Nothing else of Markdown is interpreted, and no text is ever
 * passed through as HTML: the template escapes every run. Pure.
 */
import type { ChangeText, ReportRef } from './types.ts';

export interface Run {
  text: string;
  bold: boolean;
}

export type ChangeBlock =
  | { kind: 'heading'; level: 3 | 4; runs: Run[] }
  | { kind: 'list'; items: Run[][] }
  | { kind: 'paragraph'; runs: Run[] };

/** "**Barnet** fell by `12%`" → [Barnet (bold), " fell by 12%"]. Code marks are dropped. */
export function inlineRuns(text: string): Run[] {
  const runs: Run[] = [];
  text
    .replace(/`([^`]*)`/g, '$1')
    .split(/\*\*(.+?)\*\*/)
    .forEach((part, i) => {
      if (part) runs.push({ text: part, bold: i % 2 === 1 });
    });
  return runs;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;

/**
 * Markdown → blocks. The email has its own title and section headings, so "#" becomes a
 * third-level heading and deeper ones the fourth.
 */
export function parseChangeReport(markdown: string): ChangeBlock[] {
  const blocks: ChangeBlock[] = [];
  let paragraph: string[] = [];
  let list: Run[][] | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', runs: inlineRuns(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = undefined;
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(raw);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({
        kind: 'heading',
        level: heading[1]!.length === 1 ? 3 : 4,
        runs: inlineRuns(heading[2]!),
      });
    } else if (bullet) {
      if (paragraph.length) flush();
      (list ??= []).push(inlineRuns(bullet[1]!));
    } else if (list && /^\s/.test(raw)) {
      // An indented line continues the last bullet.
      list.at(-1)!.push(...inlineRuns(` ${line}`));
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/**
 * What a recipient's email leads with, as Markdown: when changes.json gives each report its own
 * lines, the build-wide summary and the lines of this recipient's report (a contact for one area
 * does not read through every other area's); otherwise the whole of changes.md.
 */
export function changesFor(report: ReportRef, changes: ChangeText): string | undefined {
  if (!changes.perReport) return changes.markdown;
  const { summary, reports } = changes.perReport;
  const lines = reports.get(report.id);
  const title = report.kind === 'national' ? 'The national briefing' : report.label;
  const own = lines?.length ? [`# ${title}`, '', ...lines.map((l) => `- ${l}`)] : [];
  const text = [...summary, ...(own.length ? ['', ...own] : [])].join('\n').trim();
  return text || changes.markdown;
}
