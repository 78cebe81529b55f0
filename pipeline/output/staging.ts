/**
 * A new output folder being written: files go into `.out-<name>-<id>/` beside `out` as soon as
 * they are made (so a batch of thousands of briefings never sits in memory), each hashed for the
 * manifest as it is written. `commit()` swaps the folder in atomically; `abort()` removes it,
 * leaving `out` exactly as it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { OutputFile } from '../types.ts';
import { MANIFEST_PATH, type Manifest } from './manifest.ts';
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
  private readonly folders = new Set<string>();

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
      const folder = dirname(target);
      if (!this.folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        this.folders.add(folder);
      }
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

  /**
   * Copy outputs of the previous build that this build did not make: all of them, or those
   * listed. Only files its manifest lists count as outputs, so what other tools left in `out`
   * (the distribution dry run's `outbox/`) never enters this build or its manifest.
   */
  async carry(keep: 'all' | string[]): Promise<void> {
    await this.queue;
    const previous = await currentBuildDir(this.outDir);
    if (!previous) return;
    for (const path of await previousOutputs(previous)) {
      if (this.written.has(path) || (keep !== 'all' && !keep.includes(path))) continue;
      await this.write({ path, bytes: new Uint8Array(await readFile(join(previous, path))) });
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

/** The outputs the manifest of a previous build lists; none if it has no readable manifest. */
async function previousOutputs(dir: string): Promise<string[]> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_PATH), 'utf8')) as Manifest;
    return manifest.outputs
      .map((o) => o.path)
      .filter((p) => p !== MANIFEST_PATH && !p.split('/').includes('..'));
  } catch {
    return [];
  }
}
