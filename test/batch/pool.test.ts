import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AreaPool } from '../../pipeline/batch/pool.ts';
import { warmUp } from '../../pipeline/batch/warm-up.ts';
import type { AreaShared } from '../../pipeline/batch/area-task.ts';
import { buildAreaModels } from '../../pipeline/domain/area-model.ts';
import { PROJECT, realValid } from '../helpers/project.ts';

async function shared(): Promise<{
  shared: AreaShared;
  models: ReturnType<typeof buildAreaModels>['models'];
}> {
  const valid = await realValid();
  const { models, distribution } = buildAreaModels(valid.dtoc);
  const text = (path: string) => readFile(join(PROJECT, 'templates', path), 'utf8');
  const sources = ['nhse-dtoc', 'nao-2017'].map((id, i) => ({
    ...valid.briefing.sources.find((s) => s.id === id)!,
    number: i + 1,
  }));
  return {
    models,
    shared: {
      distribution,
      common: {
        date: '2026-11-23',
        dateLabel: '23 November 2026',
        lang: 'en-GB',
        template: { path: 'templates/area/briefing.hbs', source: await text('area/briefing.hbs') },
        sources,
      },
      shell: {
        path: 'templates/shared/page.html.hbs',
        template: await text('shared/page.html.hbs'),
        css: await text('shared/briefing.css'),
      },
    },
  };
}

describe.each([1, 2])('rendering areas with %i job(s)', (jobs) => {
  it('reports a failed area with its name and still builds the others', async () => {
    const { models, shared: data } = await shared();
    const derby = models.find((m) => m.slug === 'derby')!;
    const rutland = models.find((m) => m.slug === 'rutland')!;
    // A model the renderer cannot use, as an edge case in the data might produce.
    const broken = {
      ...models.find((m) => m.slug === 'kent')!,
      monthly: undefined,
    } as unknown as typeof derby;
    const seen: string[] = [];
    const pool = await AreaPool.start(jobs);
    try {
      const outcomes = await pool.render([derby, broken, rutland], data, async (r, done, total) => {
        seen.push(`${done}/${total} ${r.name} ${r.ok}`);
      });
      expect(outcomes.map((o) => [o.name, o.ok])).toEqual([
        ['Derby', true],
        ['Kent', false],
        ['Rutland', true],
      ]);
      const failed = outcomes[1]!;
      expect(failed.ok === false && failed.error).toMatchObject({
        code: 'AREA_FAILED',
        file: 'areas/kent',
      });
      expect(seen).toHaveLength(3);
      expect(seen.filter((s) => s.includes('Kent false'))).toHaveLength(1);
    } finally {
      await pool.destroy();
    }
  });
});

describe('rendering areas in parallel', () => {
  it('gives the same files as one thread, whichever thread renders an area and whatever it drew before', async () => {
    const { models, shared: data } = await shared();
    // Areas of very different sizes, so that a chart view reused from one area to the next
    // (or shared by two areas drawn at once) would show in the axes.
    const chosen = [
      'kent',
      'rutland',
      'barking-and-dagenham',
      'birmingham',
      'isles-of-scilly',
      'derby',
    ]
      .map((slug) => models.find((m) => m.slug === slug))
      .filter((m) => m !== undefined);
    expect(chosen.length).toBeGreaterThanOrEqual(5);
    const files = async (jobs: number, warmUp?: { templateDir: string }) => {
      const pool = await AreaPool.start(jobs, warmUp);
      const out = new Map<string, string>();
      try {
        await pool.render(chosen, data, async (r) => {
          if (r.ok)
            for (const f of r.files)
              out.set(f.path, createHash('sha256').update(f.bytes).digest('hex'));
        });
      } finally {
        await pool.destroy();
      }
      return Object.fromEntries([...out].sort());
    };
    const one = await files(1);
    expect(Object.keys(one)).toHaveLength(chosen.length * 2);
    expect(await files(3)).toEqual(one);
    // Workers that first warmed up on a made-up area draw the same files.
    expect(await files(2, { templateDir: join(PROJECT, 'templates') })).toEqual(one);
  });
});

describe('keeping the workers busy', () => {
  it('hands a worker its next areas while earlier results still wait to be written and the main thread is busy', async () => {
    const { models, shared: data } = await shared();
    const chosen = models.slice(0, 12);
    const pool = await AreaPool.start(2);
    let release!: () => void;
    const disk = new Promise<void>((resolve) => (release = resolve));
    let mainThreadFree!: () => void;
    const busy = new Promise<void>((resolve) => (mainThreadFree = resolve));
    let arrived = 0;
    try {
      const rendering = pool.render(
        chosen,
        data,
        async () => {
          arrived++;
          // Nothing is written until released: as if the disk were slow.
          await disk;
        },
        busy,
      );
      // While no write finishes and the main thread is busy (with the national briefing), the
      // one worker goes on rendering: more results arrive than it had tasks in hand at first.
      const deadline = Date.now() + 30_000;
      while (arrived < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(arrived).toBeGreaterThanOrEqual(6);
      release();
      mainThreadFree();
      const outcomes = await rendering;
      expect(outcomes.filter((o) => o.ok)).toHaveLength(chosen.length);
      expect(arrived).toBe(chosen.length);
    } finally {
      release();
      mainThreadFree();
      await pool.destroy();
    }
  }, 120_000);
});

describe('warming up a worker', () => {
  it('renders a made-up area with the real templates, so the worker has really run the renderer', async () => {
    await expect(warmUp(join(PROJECT, 'templates'))).resolves.toBeUndefined();
  });

  it('warms up to the end before any task comes (piscina blocks an idle worker, async work and all)', async () => {
    // No task is ever posted: a warm-up left running in the background would stop at its first
    // file read, with the thread blocked in Atomics.wait() waiting for a task, and never finish.
    const pool = await AreaPool.start(2, { templateDir: join(PROJECT, 'templates') });
    try {
      const done = await Promise.race([
        pool.warmedUp.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 30_000)),
      ]);
      expect(done).toBe(true);
    } finally {
      await pool.destroy();
    }
  }, 60_000);

  it('fails when the templates cannot be read (and the worker then just skips it)', async () => {
    await expect(warmUp(join(PROJECT, 'no-such-folder'))).rejects.toThrow();
  });
});

describe('stopping the workers', () => {
  it('waits for a worker that is still loading its code, and no longer (a build that fails at once)', async () => {
    // Stopping a worker in the middle of loading its modules can abort the whole process in
    // Node 20; the pool waits for each worker's "loaded" message, which comes within seconds,
    // not after the pool's 20-second limit.
    for (const wait of [0, 5, 50]) {
      const pool = await AreaPool.start(2, { templateDir: join(PROJECT, 'templates') });
      await new Promise((resolve) => setTimeout(resolve, wait));
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
      const before = timers();
      const start = performance.now();
      await pool.destroy();
      expect(performance.now() - start).toBeLessThan(15_000);
      // Nothing of the pool keeps the process alive once it is stopped (a build's process exits).
      expect(timers()).toBeLessThanOrEqual(before);
    }
  }, 120_000);
});
