/**
 * A new output folder being written: files go into `.out-<name>-<id>/` beside `out` as soon as
 * they are made (so a batch of thousands of briefings never sits in memory), each hashed for the
 * manifest as it is written. `commit()` swaps the folder in atomically; `abort()` removes it,
 * leaving `out` exactly as it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { OutputFile } from '../types.ts';
import { currentBuildDir, PREFIX, swapIn } from './swap.ts';

/** What the manifest needs of a written file. */
export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

export class OutputStage {
  private readonly written = new Map<string, WrittenFile>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly outDir: string,
    readonly dir: string,
  ) {}

  static async open(outDir: string): Promise<OutputStage> {
    const dir = join(
      dirname(outDir),
      `${PREFIX}${basename(outDir)}-${randomBytes(6).toString('hex')}`,
    );
    await mkdir(dir, { recursive: true });
    return new OutputStage(outDir, dir);
  }

  /** Write one file; writes are queued, so callers from parallel work need not wait in turn. */
  write(file: OutputFile): Promise<void> {
    const run = this.queue.then(async () => {
      const target = join(this.dir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.bytes);
      this.written.set(file.path, {
        path: file.path,
        bytes: file.bytes.length,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
      });
    });
    this.queue = run;
    return run;
  }

  /** Copy files of the current output that this build did not make: all of them, or those listed. */
  async carry(keep: 'all' | string[]): Promise<void> {
    await this.queue;
    const previous = await currentBuildDir(this.outDir);
    if (!previous) return;
    const entries = await readdir(previous, { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile())) {
      const full = join(entry.parentPath, entry.name);
      const path = relative(previous, full).split(sep).join('/');
      if (this.written.has(path) || (keep !== 'all' && !keep.includes(path))) continue;
      await this.write({ path, bytes: new Uint8Array(await readFile(full)) });
    }
  }

  /** Every file written so far, sorted by path. */
  async files(): Promise<WrittenFile[]> {
    await this.queue;
    return [...this.written.values()].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
  }

  async commit(): Promise<void> {
    await this.queue;
    const previous = await currentBuildDir(this.outDir);
    await swapIn(this.outDir, this.dir);
    if (previous && previous !== this.outDir) await rm(previous, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await this.queue.catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
