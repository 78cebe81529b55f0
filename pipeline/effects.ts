/**
 * BuildEffects: the only place the build touches the file system or the console. Stages are pure;
 * build() is given an effects object, and tests pass their own.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { PipelineError } from './errors.ts';
import * as msg from './messages/index.ts';
import { OutputStage } from './output/staging.ts';
import { prepareOutputPath } from './output/check.ts';
import { tryLock } from './output/lock.ts';
import { removeStale } from './output/swap.ts';
import type { InputFile } from './types.ts';

export type BuildEvent =
  | { type: 'stage'; stage: string; ms: number }
  | { type: 'progress'; done: number; total: number; item: string; ok: boolean }
  | { type: 'warning'; text: string }
  | { type: 'info'; text: string };

export interface BuildEffects {
  /** Every file under the given folders (relative to the project), sorted by path. */
  readInputs(dirs: string[]): Promise<InputFile[]>;
  /** Every file under `dir` (absolute, or relative to the project), with paths relative to `dir`. */
  readTree(dir: string): Promise<InputFile[]>;
  /** One file (absolute, or relative to the project), or null if there is none. */
  readOptional(path: string): Promise<Uint8Array | null>;
  /** Hold the output lock for the build; resolves to the release function. */
  lockOutput(): Promise<() => Promise<void>>;
  /** A new output folder to write into, swapped in atomically by its commit(). */
  openOutput(): Promise<OutputStage>;
  log(event: BuildEvent): void;
  /** Monotonic milliseconds, for stage timings only (never written into a file). */
  now(): number;
}

export class FileBuildEffects implements BuildEffects {
  constructor(
    readonly root: string,
    readonly outDir: string,
    private readonly logger: (event: BuildEvent) => void = () => undefined,
    /** How long to wait for another build's lock before giving up. */
    private readonly lockWaitMs = 120_000,
  ) {}

  async readInputs(dirs: string[]): Promise<InputFile[]> {
    const files: InputFile[] = [];
    for (const dir of dirs) {
      const base = resolve(this.root, dir);
      const entries = await readdir(base, {
        recursive: true,
        withFileTypes: true,
      }).catch(() => []);
      for (const entry of entries) {
        if (!entry.isFile() || entry.name.startsWith('.')) continue;
        const full = join(entry.parentPath, entry.name);
        files.push({
          // Named as the folder was given (data/…, or /srv/briefing/data/…), as the build expects.
          path: `${dir}/${relative(base, full).split(sep).join('/')}`,
          bytes: new Uint8Array(await readFile(full)),
        });
      }
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  async readOptional(path: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(resolve(this.root, path)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async readTree(dir: string): Promise<InputFile[]> {
    const base = resolve(this.root, dir);
    const entries = await readdir(base, { recursive: true, withFileTypes: true });
    const files: InputFile[] = [];
    for (const entry of entries.filter((e) => e.isFile())) {
      const full = join(entry.parentPath, entry.name);
      files.push({
        path: relative(base, full).split(sep).join('/'),
        bytes: new Uint8Array(await readFile(full)),
      });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /**
   * Hold `out.lock` for the whole build. Another build holding it is waited for, up to
   * `lockWaitMs`; a lock left by a build that was killed is taken over at once (see output/lock.ts).
   */
  async lockOutput(): Promise<() => Promise<void>> {
    const target = resolve(this.root, this.outDir);
    await prepareOutputPath(this.root, this.outDir);
    const deadline = this.now() + this.lockWaitMs;
    for (let waiting = false; ; waiting = true) {
      const release = await tryLock(`${target}.lock`).catch((error: unknown) => {
        // Beside the output folder, so a folder that cannot be written to fails here first.
        const def = msg.outputUnwritable(this.outDir, (error as Error).message);
        throw PipelineError.of(def, { file: this.outDir }, { cause: error });
      });
      if (release) {
        await removeStale(target);
        return release;
      }
      if (this.now() >= deadline) {
        const def = msg.outputLocked(`${this.outDir}.lock`, Math.round(this.lockWaitMs / 1000));
        throw PipelineError.of(def, { file: this.outDir });
      }
      if (!waiting)
        this.log({
          type: 'info',
          text: `Another build is writing to ${this.outDir}/; waiting for it to finish…`,
        });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  openOutput(): Promise<OutputStage> {
    return OutputStage.open(resolve(this.root, this.outDir));
  }

  log(event: BuildEvent): void {
    this.logger(event);
  }

  now(): number {
    return performance.now();
  }
}
