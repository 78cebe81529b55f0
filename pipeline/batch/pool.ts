/**
 * Render many area briefings in parallel worker threads (piscina), or inline for one job. Results
 * come back in the order of `models`; a failed area is a result, not an exception, so the others
 * still build.
 */
import { Piscina } from 'piscina';
import type { AreaModel } from '../types.ts';
import { renderArea, type AreaResult, type AreaShared } from './area-task.ts';

export interface PoolOptions {
  jobs: number;
  onResult: (result: AreaResult, done: number, total: number) => void;
}

export async function renderAreas(
  models: AreaModel[],
  shared: AreaShared,
  options: PoolOptions,
): Promise<AreaResult[]> {
  let done = 0;
  const finish = (result: AreaResult) => {
    options.onResult(result, ++done, models.length);
    return result;
  };
  if (options.jobs <= 1 || models.length <= 1) {
    const results: AreaResult[] = [];
    for (const model of models) results.push(finish(await renderArea(model, shared)));
    return results;
  }
  const pool = new Piscina({
    filename: new URL('./area-worker.mjs', import.meta.url).href,
    minThreads: Math.min(options.jobs, models.length),
    maxThreads: Math.min(options.jobs, models.length),
    workerData: shared,
  });
  try {
    return await Promise.all(
      models.map(async (model) => finish((await pool.run(model)) as AreaResult)),
    );
  } finally {
    await pool.destroy();
  }
}
