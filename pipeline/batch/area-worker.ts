/** Piscina worker: renders one area per task. Fonts are parsed as the worker starts, while the main thread is still validating. */
import { fonts } from '../fonts.ts';
import type { AreaModel } from '../types.ts';
import { renderArea, type AreaShared } from './area-task.ts';

fonts();

export default function render(task: { model: AreaModel; shared: AreaShared }) {
  return renderArea(task.model, task.shared);
}
