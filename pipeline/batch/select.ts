/** Which areas a build makes: those named with --area (name, code or slug), then this shard's share. */
import { PipelineError } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { AreaModel } from '../types.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

const matches = (m: AreaModel, wanted: string): boolean => {
  const w = wanted.trim().toLowerCase();
  return [m.name, m.slug, m.codes.old, m.codes.current].some((v) => v?.toLowerCase() === w);
};

export function selectAreas(models: AreaModel[], names: string[], shard?: Shard): AreaModel[] {
  let chosen = models;
  if (names.length) {
    const unknown = names.filter((n) => !models.some((m) => matches(m, n)));
    if (unknown.length) {
      const def = msg.areaUnknown(
        unknown,
        models.map((m) => m.name),
      );
      throw new PipelineError(
        def.code,
        def.message,
        { file: 'command line', field: '--area' },
        def.hint,
      );
    }
    chosen = models.filter((m) => names.some((n) => matches(m, n)));
  }
  if (!shard) return chosen;
  // A stable order (by slug) so every runner of a CI matrix agrees on who builds what.
  const bySlug = [...chosen].sort((a, b) => (a.slug < b.slug ? -1 : 1));
  return bySlug.filter((_, i) => i % shard.count === shard.index - 1);
}
