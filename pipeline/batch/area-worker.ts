/** Piscina worker: renders one area per task. Fonts are parsed as the worker starts, while the main thread is still validating. */
import { fonts } from '../fonts.ts';
import type { AreaModel } from '../types.ts';
import { renderArea, type AreaResult, type AreaShared } from './area-task.ts';

fonts();

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
