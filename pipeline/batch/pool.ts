/**
 * Render many area briefings in parallel worker threads (piscina), or inline for one job. The
 * pool starts before validation, so the workers load and warm up meanwhile. Each result is handed
 * to `onResult` as soon as it arrives (to be written out), so no batch is held in memory; a failed
 * area is a result, not an exception, so the others still build.
 */
import { Piscina } from 'piscina';
import type { AreaModel } from '../types.ts';
import { renderArea, type AreaResult, type AreaShared } from './area-task.ts';

/** What is kept of each area once its files are written: whether it worked, and its timings. */
export type AreaOutcome = AreaResult extends infer R
  ? R extends { ok: true }
    ? Omit<R, 'files'>
    : R
  : never;

export type OnResult = (result: AreaResult, done: number, total: number) => Promise<void>;

export class AreaPool {
  private constructor(private readonly pool: Piscina | undefined) {}

  /** Start `jobs` worker threads (none for one job: areas then render on the main thread). */
  static start(jobs: number): AreaPool {
    if (jobs <= 1) return new AreaPool(undefined);
    // A .mjs entry registers the TypeScript loader in each worker (see area-worker.mjs).
    const filename = new URL('./area-worker.mjs', import.meta.url).href;
    return new AreaPool(
      new Piscina({ filename, minThreads: jobs, maxThreads: jobs, idleTimeout: 60_000 }),
    );
  }

  async render(
    models: AreaModel[],
    shared: AreaShared,
    onResult: OnResult,
  ): Promise<AreaOutcome[]> {
    let done = 0;
    const finish = async (result: AreaResult): Promise<AreaOutcome> => {
      await onResult(result, ++done, models.length);
      if (!result.ok) return result;
      const { files: _files, ...rest } = result;
      return rest;
    };
    const pool = this.pool;
    if (!pool) {
      const outcomes: AreaOutcome[] = [];
      for (const model of models) outcomes.push(await finish(await renderArea(model, shared)));
      return outcomes;
    }
    return Promise.all(
      models.map(async (model) => finish((await pool.run({ model, shared })) as AreaResult)),
    );
  }

  async destroy(): Promise<void> {
    await this.pool?.destroy();
  }
}
