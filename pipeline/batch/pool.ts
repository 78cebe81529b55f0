/**
 * Render many area briefings in parallel: `jobs` renderers, which are `jobs - 1` worker threads
 * (piscina) and the main thread itself, once it has made the national briefing. The main thread
 * has already loaded and warmed up the same code for the national briefing, so it renders areas
 * at full speed at once, and a whole worker's start-up and memory are saved. The workers start
 * before validation, so they load and warm up meanwhile. Each result is handed to `onResult` as
 * soon as it arrives (to be written out), so no batch is held in memory; a failed area is a
 * result, not an exception, so the others still build.
 */
import { setTimeout as delay, setImmediate as yieldToEvents } from 'node:timers/promises';
import { Piscina } from 'piscina';
import type { BuildOptions } from '../options.ts';
import type { AreaModel } from '../types.ts';
import type { AreaResult, AreaShared } from './area-task.ts';
import { workerModule } from './worker-bundle.ts';

/** What is kept of each area once its files are written: whether it worked, and its timings. */
export type AreaOutcome = AreaResult extends infer R
  ? R extends { ok: true }
    ? Omit<R, 'files'>
    : R
  : never;

/**
 * Tasks in each worker's hands (the one it renders and those waiting), so it never waits for
 * the main thread to hand it the next: more while the main thread makes the national briefing,
 * fewer once it renders areas too (and yields between them).
 */
const QUEUE_WHILE_BUSY = 8;
const QUEUE = 3;

/** Results of one renderer that may wait to be written while it renders the next. */
const PENDING_WRITES = 4;

/** The longest a pool waits for its workers to finish loading before it stops them. */
const LOAD_TIMEOUT_MS = 20_000;

/** Old-generation heap of each worker: several times what it keeps alive. */
const WORKER_HEAP_MB = 512;

export type OnResult = (result: AreaResult, done: number, total: number) => Promise<void>;

export class AreaPool {
  private constructor(
    private readonly pool: Piscina | undefined,
    private readonly workers: number,
    /** Settles once every worker has loaded its code (or failed to). */
    private readonly loaded: Promise<unknown> = Promise.resolve(),
    /** Settles once every worker has warmed up (or failed to), if they were asked to. */
    readonly warmedUp: Promise<unknown> = Promise.resolve(),
  ) {}

  /** The workers a build with these options needs: none for the national briefing alone. */
  static for(options: BuildOptions, warmUp?: { templateDir: string }): Promise<AreaPool> {
    return AreaPool.start(options.only === 'national' ? 1 : options.jobs, warmUp);
  }

  /**
   * Start `jobs - 1` worker threads; the main thread is the last renderer (the only one for one
   * job). With `warmUp`, each worker first renders a made-up area with the templates in that
   * folder (see warm-up.ts), while the main thread validates the input.
   */
  static async start(jobs: number, warmUp?: { templateDir: string }): Promise<AreaPool> {
    const workers = jobs - 1;
    if (workers < 1) return new AreaPool(undefined, 0);
    // The worker's modules bundled as plain JavaScript (see worker-bundle.ts).
    const { filename, bundle } = await workerModule();
    const pool = new Piscina({
      filename,
      minThreads: workers,
      maxThreads: workers,
      concurrentTasksPerWorker: QUEUE_WHILE_BUSY,
      idleTimeout: 60_000,
      workerData: { warmUp, bundle },
      // A worker keeps about 150 MB alive (fonts, chart views, caches); without a limit V8
      // lets garbage grow towards a quarter of the machine's memory before collecting it.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // Each worker says when its code is loaded (area-worker.ts). A worker stopped in the middle
    // of loading its modules can bring the whole process down (a fatal V8 error in Node 20), which
    // a build that fails validation at once would otherwise risk.
    const allSay = (key: 'loaded' | 'warmedUp') =>
      new Promise((resolve) => {
        let count = 0;
        pool.on('message', (message: unknown) => {
          if ((message as Record<string, unknown> | null)?.[key] && ++count === workers)
            resolve(undefined);
        });
        pool.on('error', resolve);
      });
    return new AreaPool(pool, workers, allSay('loaded'), warmUp ? allSay('warmedUp') : undefined);
  }

  /**
   * Render every model; the main thread joins in once `mainThreadFree` settles. Outcomes are
   * in the order of `models`; `onResult` sees them in the order they finish.
   */
  async render(
    models: AreaModel[],
    shared: AreaShared,
    onResult: OnResult,
    mainThreadFree: Promise<unknown> = Promise.resolve(),
  ): Promise<AreaOutcome[]> {
    const outcomes: AreaOutcome[] = new Array<AreaOutcome>(models.length);
    let next = 0;
    let done = 0;
    const take = (): number | undefined => (next < models.length ? next++ : undefined);
    const settle = async (index: number, result: AreaResult): Promise<void> => {
      await onResult(result, ++done, models.length);
      if (!result.ok) outcomes[index] = result;
      else {
        const { files: _files, ...rest } = result;
        outcomes[index] = rest;
      }
    };
    const pool = this.pool;
    let mainThreadJoined = false;
    // Results are written while the next area renders; a few at most wait per renderer, so a
    // slow disk cannot make them pile up in memory. A failed write stays in its set, so it
    // fails a later wait.
    const writer = () => {
      const writing = new Set<Promise<void>>();
      return {
        async add(written: Promise<void>) {
          writing.add(written);
          written.then(
            () => writing.delete(written),
            () => undefined,
          );
          if (writing.size >= PENDING_WRITES) await Promise.race(writing);
        },
        all: () => Promise.all(writing),
      };
    };
    // Each worker lane keeps one task posted to a worker. While the main thread is busy (with
    // the national briefing, or in the middle of an area) it cannot hand out work, so each
    // worker has several tasks in hand; once the main thread renders areas too, the extra
    // lanes stop, so no worker is left with a long queue at the end.
    const lane = async (n: number): Promise<void> => {
      const written = writer();
      for (let i = take(); i !== undefined; i = take()) {
        const result = (await pool!.run({ model: models[i], shared })) as AreaResult;
        await written.add(settle(i, result));
        if (mainThreadJoined && n % QUEUE_WHILE_BUSY >= QUEUE) break;
      }
      await written.all();
    };
    const mainThread = async (): Promise<void> => {
      // If the main thread's own work failed, the build is over: it renders nothing more.
      if (
        !(await mainThreadFree.then(
          () => true,
          () => false,
        ))
      )
        return;
      mainThreadJoined = true;
      // Loaded here, not at the top: the pool starts (and its workers load) before the main
      // thread loads the renderer's libraries (see cli.ts).
      const { renderArea } = await import('./area-task.ts');
      const written = writer();
      for (let i = take(); i !== undefined; i = take()) {
        await written.add(settle(i, await renderArea(models[i]!, shared)));
        // Let the workers' finished areas be written, and their next tasks posted.
        await yieldToEvents();
      }
      await written.all();
    };
    const lanes = pool
      ? Array.from({ length: this.workers * QUEUE_WHILE_BUSY }, (_, n) => lane(n))
      : [];
    await Promise.all([...lanes, mainThread()]);
    return outcomes;
  }

  async destroy(): Promise<void> {
    if (!this.pool) return;
    // An unreferenced timer: once the workers are stopped it must not keep the process alive.
    await Promise.race([this.loaded, delay(LOAD_TIMEOUT_MS, undefined, { ref: false })]);
    await this.pool.destroy();
  }
}
