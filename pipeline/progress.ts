/**
 * How a build reports itself: a live progress bar in a terminal; one plain line per stage in CI
 * or when output is not a terminal; one JSON object per line with --json; errors only with
 * --quiet. Every mode ends with a summary of per-stage timings (JSON mode as an event).
 */
import type { BuildEvent } from './effects.ts';

export type OutputMode = 'human' | 'quiet' | 'json';

export interface Reporter {
  event(e: BuildEvent): void;
  summary(lines: string[], data: Record<string, unknown>): void;
}

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const seconds = (ms: number): string =>
  ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;

function bar(done: number, total: number, width = 24): string {
  const full = Math.round((done / total) * width);
  return `[${'#'.repeat(full)}${'-'.repeat(width - full)}]`;
}

export function createReporter(
  mode: OutputMode,
  out: Stream,
  err: Stream,
  env: NodeJS.ProcessEnv,
  now: () => number = () => performance.now(),
): Reporter {
  const live = mode === 'human' && out.isTTY === true && env.CI !== 'true';
  const stages: Record<string, number> = {};
  let started: number | undefined;
  let barShown = false;
  const clearBar = () => {
    if (barShown) out.write('\r\x1b[2K');
    barShown = false;
  };
  return {
    event(e) {
      if (e.type === 'stage') stages[e.stage] = e.ms;
      if (mode === 'json') return void out.write(`${JSON.stringify(e)}\n`);
      if (e.type === 'warning' || (e.type === 'progress' && !e.ok)) {
        clearBar();
        if (e.type === 'warning') err.write(`  warning: ${e.text}\n`);
        else err.write(`  failed: ${e.item}\n`);
      }
      if (mode === 'quiet') return;
      if (e.type === 'stage') {
        clearBar();
        out.write(`  ${e.stage.padEnd(9)} ${seconds(e.ms).padStart(8)}\n`);
      } else if (e.type === 'info') {
        clearBar();
        out.write(`${e.text}\n`);
      } else if (e.type === 'progress' && live) {
        started ??= now();
        const elapsed = (now() - started) / 1000;
        const rate = e.done / Math.max(elapsed, 0.001);
        const left = (e.total - e.done) / Math.max(rate, 0.001);
        out.write(
          `\r\x1b[2K  ${bar(e.done, e.total)} ${e.done}/${e.total} areas · ${rate.toFixed(1)}/s · ${Math.ceil(left)} s left · ${e.item}`,
        );
        barShown = e.done < e.total;
        if (!barShown) out.write('\n');
      }
    },
    summary(lines, data) {
      clearBar();
      if (mode === 'json')
        return void out.write(`${JSON.stringify({ type: 'summary', ...data, stages })}\n`);
      if (mode === 'quiet') return;
      for (const line of lines) out.write(`${line}\n`);
    },
  };
}
