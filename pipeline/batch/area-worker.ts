/**
 * Piscina worker: renders one area per task. As it starts, while the main thread is still
 * validating, it parses the fonts and (if the pool asks) warms up on a made-up area. Loaded
 * through a small ES module (area-worker-bundled.mjs, or area-worker.mjs without a bundle),
 * which waits for `ready` before it hands piscina the handler.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fonts } from '../fonts.ts';
import type { AreaModel } from '../types.ts';
import { renderArea, type AreaResult, type AreaShared } from './area-task.ts';
import { warmUp } from './warm-up.ts';

/**
 * The pool posts the next task before this one is done (see pool.ts), so tasks can arrive while
 * one is rendering. They render one after another: every area shares this thread's chart views,
 * and two areas drawn into one view at once would mix their data.
 */
let previous: Promise<unknown> = Promise.resolve();

export default function render(task: {
  model: AreaModel;
  shared: AreaShared;
}): Promise<AreaResult> {
  const result = previous.then(() => renderArea(task.model, task.shared));
  previous = result.catch(() => undefined);
  return result;
}

fonts();
const warm = (workerData as { warmUp?: { templateDir: string } } | undefined)?.warmUp;

// Every module is loaded: the pool may now stop this worker safely (see pool.ts).
parentPort?.postMessage({ loaded: true });

/**
 * The handler, once the warm-up is done. The loader awaits it as a top-level await, so the
 * warm-up runs to the end before piscina takes the first task. Started and left running, it
 * would stall: between tasks piscina blocks the thread in Atomics.wait() until a message comes,
 * and nothing asynchronous (such as reading the templates) proceeds meanwhile.
 */
export const ready: Promise<typeof render> = (async () => {
  if (warm) {
    await warmUp(warm.templateDir).catch(() => undefined);
    parentPort?.postMessage({ warmedUp: true });
  }
  return render;
})();
