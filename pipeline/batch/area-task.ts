/**
 * One area's briefing, start to finish: charts → fill → PDF → HTML. Runs in a worker thread (or
 * inline for a single job); everything costly to set up (fonts, compiled templates, compiled
 * chart views) is cached per thread and reused for every area it renders.
 */
import { areaFill, areaFiles, type AreaCommon } from '../briefings/area.ts';
import { areaCharts } from '../charts/specs/area.ts';
import { PipelineError } from '../errors.ts';
import { renderCharts } from '../stages/charts.ts';
import { emitHtml, type PageShell } from '../stages/emit-html.ts';
import { emitPdf } from '../stages/emit-pdf.ts';
import { fillTemplates } from '../stages/fill.ts';
import type { AreaDistribution, AreaModel, OutputFile } from '../types.ts';

/** What every area task shares; sent to each worker once. */
export interface AreaShared {
  distribution: AreaDistribution;
  common: AreaCommon;
  shell: PageShell;
}

export type StageTimes = Record<'charts' | 'fill' | 'pdf' | 'html', number>;

export type AreaResult =
  | { ok: true; slug: string; name: string; files: OutputFile[]; pages: number; ms: StageTimes }
  | {
      ok: false;
      slug: string;
      name: string;
      error: { code: string; message: string; file: string; line?: number; hint?: string };
    };

export async function renderArea(model: AreaModel, shared: AreaShared): Promise<AreaResult> {
  const ms: StageTimes = { charts: 0, fill: 0, pdf: 0, html: 0 };
  const timed = async <T>(stage: keyof StageTimes, run: () => T | Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await run();
    ms[stage] = performance.now() - start;
    return result;
  };
  try {
    const files = areaFiles(model.slug);
    const charts = await timed('charts', () =>
      renderCharts(areaCharts(model, shared.distribution), { files: false }),
    );
    const filled = await timed('fill', () => fillTemplates(areaFill(model, charts, shared.common)));
    const pdf = await timed('pdf', () => emitPdf(filled, charts, files.pdf));
    const html = await timed('html', () =>
      emitHtml(
        filled,
        charts,
        shared.shell,
        { pages: pdf.pages, bytes: pdf.bytes.length },
        files.html,
      ),
    );
    return {
      ok: true,
      slug: model.slug,
      name: model.name,
      files: [{ path: pdf.path, bytes: pdf.bytes }, html],
      pages: pdf.pages,
      ms,
    };
  } catch (error) {
    // Errors cross the thread boundary as plain data, keeping the code and location.
    const e =
      error instanceof PipelineError
        ? error
        : new PipelineError('AREA_FAILED', (error as Error).message ?? String(error), {
            file: `areas/${model.slug}`,
          });
    return {
      ok: false,
      slug: model.slug,
      name: model.name,
      error: {
        code: e.code,
        message: e.message,
        file: e.at.file,
        ...(e.at.line ? { line: e.at.line } : {}),
        ...(e.hint ? { hint: e.hint } : {}),
      },
    };
  }
}
