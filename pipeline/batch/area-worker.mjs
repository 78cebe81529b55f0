// Worker threads do not inherit the TypeScript loader the main thread runs under, so without a
// bundle each worker registers tsx itself before loading the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./area-worker.ts');

// Once warmed up (see area-worker.ts).
export default await worker.ready;
