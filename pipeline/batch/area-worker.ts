/** Piscina worker: renders one area per task with the shared data it was started with. */
import { workerData } from 'node:worker_threads';
import type { AreaModel } from '../types.ts';
import { renderArea, type AreaShared } from './area-task.ts';

const shared = workerData as AreaShared;

export default function render(model: AreaModel) {
  return renderArea(model, shared);
}
