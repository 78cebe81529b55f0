/** The launcher's bundles: made once for the same sources, remade when a source changes, and none for code that does not compile. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundle } from '../../pipeline/bundle.mjs';

async function sources(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'briefing-bundle-'));
  const dir = join(root, 'pipeline');
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('bundle', () => {
  it('bundles an entry with its imports, reuses it while the sources are the same, and remakes it when one changes', async () => {
    const dir = await sources({
      'main.ts':
        "import { answer } from './lib.ts';\nexport const value: number = answer + 1;\nexport const where = __PIPELINE_DIR__;\ndeclare const __PIPELINE_DIR__: string;\n",
      'lib.ts': 'export const answer: number = 41;\n',
    });
    const first = await bundle(join(dir, 'main.ts'), dir);
    expect(first).toMatch(/node_modules\/\.cache\/briefing\/main-[0-9a-f]{16}\/main\.mjs$/);
    const loaded = (await import(first!)) as { value: number; where: string };
    expect(loaded).toMatchObject({ value: 42, where: dir });
    expect(await bundle(join(dir, 'main.ts'), dir)).toBe(first);

    await writeFile(join(dir, 'lib.ts'), 'export const answer: number = 1;\n');
    const second = await bundle(join(dir, 'main.ts'), dir);
    expect(second).not.toBe(first);
    expect(((await import(second!)) as { value: number }).value).toBe(2);
    expect(fileURLToPath(second!).startsWith(join(dir, '..', 'node_modules'))).toBe(true);
  });

  it('splits off what is imported with import(), so it is evaluated only when it is imported', async () => {
    const dir = await sources({
      'main.ts':
        "(globalThis as { order?: string[] }).order = ['main'];\nexport const later = () => import('./heavy.ts');\n",
      'heavy.ts':
        "(globalThis as { order?: string[] }).order!.push('heavy');\nexport const heavy = 1;\n",
    });
    const url = await bundle(join(dir, 'main.ts'), dir);
    const main = (await import(url!)) as { later: () => Promise<{ heavy: number }> };
    const order = (globalThis as { order?: string[] }).order!;
    expect(order).toEqual(['main']);
    expect((await main.later()).heavy).toBe(1);
    expect(order).toEqual(['main', 'heavy']);
  });

  it('gives nothing for code that does not compile, so the caller loads the TypeScript instead', async () => {
    const dir = await sources({ 'main.ts': 'export const = ;\n' });
    expect(await bundle(join(dir, 'main.ts'), dir)).toBeUndefined();
  });
});
