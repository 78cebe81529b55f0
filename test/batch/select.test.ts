import { describe, expect, it } from 'vitest';
import { selectAreas } from '../../pipeline/batch/select.ts';
import { buildAreaModels } from '../../pipeline/domain/area-model.ts';
import { realValid } from '../helpers/project.ts';

describe('choosing areas', async () => {
  const { models } = buildAreaModels((await realValid()).dtoc);

  it('finds areas by name, old code, ONS code or slug', () => {
    const chosen = selectAreas(models, ['Derby', '507', 'E06000017', 'barking-and-dagenham']);
    expect(chosen.map((m) => m.slug).sort()).toEqual(['barking-and-dagenham', 'derby', 'rutland']);
  });

  it('rejects an unknown area with a usage error that suggests close names', () => {
    expect(() => selectAreas(models, ['Darby'])).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        at: { file: 'command line', field: '--area' },
        hint: expect.stringContaining('"Derby"'),
      }),
    );
  });

  it('splits the areas into shards that cover every area exactly once, the same way every time', () => {
    const shards = [1, 2, 3, 4].map((index) =>
      selectAreas(models, [], { index, count: 4 }).map((m) => m.slug),
    );
    expect(shards.flat().sort()).toEqual(models.map((m) => m.slug).sort());
    expect(new Set(shards.flat()).size).toBe(150);
    expect(shards.map((s) => s.length)).toEqual([38, 38, 37, 37]);
    expect(selectAreas(models, [], { index: 2, count: 4 }).map((m) => m.slug)).toEqual(shards[1]);
  });
});
