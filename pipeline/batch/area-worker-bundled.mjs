// The worker thread's module: the worker's code bundled as one CommonJS file (worker-bundle.ts),
// compiled with V8's code cache (see loadCommonJs in bundle.mjs). Once the warm-up is done, the
// code compiled so far is saved to the cache if it had none, for the next build's workers.
import { workerData } from 'node:worker_threads';
import { loadCommonJs } from '../bundle.mjs';

const { exports: worker, saveCache } = loadCommonJs(workerData.bundle);

const handler = await worker.ready;
saveCache();
export default handler;
