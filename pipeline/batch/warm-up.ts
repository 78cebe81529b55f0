/**
 * A worker thread starts before the input is validated, and would otherwise wait for it. Instead
 * it renders a made-up area (charts, template, PDF and HTML, all thrown away), so V8 has compiled
 * the renderer and the libraries have set themselves up by the time the first real area arrives:
 * on a cold thread the first area takes twenty times as long as the next ones. Nothing it leaves
 * behind changes what a real area looks like (test/batch/pool.test.ts compares the files).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAreaModels } from '../domain/area-model.ts';
import { financialYears, monthRange, type Month } from '../domain/periods.ts';
import { slugify } from '../domain/slug.ts';
import type { Area, DtocDataset, Source } from '../types.ts';
import { renderArea } from './area-task.ts';

const AREAS = ['Northwick', 'Southbury', 'Eastmoor', 'Westdale', 'Midford'];

/** A small, well-formed data set: a few areas over the real data's span of years. */
function madeUpData(): DtocDataset {
  const months = monthRange('2011-04' as Month, '2019-03' as Month);
  const reasons = Array.from({ length: 11 }, (_, i) => ({
    column: `Reason ${i + 1}`,
    label: `Reason ${i + 1}`,
  }));
  const area = (name: string, size: number): Area => ({
    name,
    slug: slugify(name),
    codes: { old: '999', current: 'E99999999' },
    months: months.map((month, m) => {
      const byReason = reasons.map((_, r) => Math.round(size * (1 + ((m * 7 + r * 3) % 11) / 10)));
      const total = byReason.reduce((a, b) => a + b, 0);
      const nhs = Math.round(total * 0.6);
      const socialCare = Math.round(total * 0.3);
      return {
        month,
        code: month < '2015-04' ? '999' : 'E99999999',
        reasons: byReason,
        total,
        nhs,
        socialCare,
        both: total - nhs - socialCare,
      };
    }),
  });
  const areas = AREAS.map((name, i) => area(name, 20 + 15 * i));
  return {
    reasons,
    months,
    years: financialYears(months),
    england: area('England', 2000),
    areas,
  };
}

/** Render one made-up area with the project's own templates (the worker ignores a failure). */
export async function warmUp(templateDir: string): Promise<void> {
  const text = (path: string) => readFile(join(templateDir, path), 'utf8');
  const { models, distribution } = buildAreaModels(madeUpData());
  const source: Source = {
    id: 'nhse-dtoc',
    number: 1,
    kind: 'dataset',
    title: 'Delayed transfers of care',
    publisher: 'NHS England',
  };
  const result = await renderArea(models[0]!, {
    distribution,
    common: {
      date: '2019-06-01',
      dateLabel: '1 June 2019',
      lang: 'en-GB',
      template: { path: 'area/briefing.hbs', source: await text('area/briefing.hbs') },
      sources: [source, { ...source, id: 'nao-2017', number: 2, kind: 'report' }],
    },
    shell: {
      path: 'shared/page.html.hbs',
      template: await text('shared/page.html.hbs'),
      css: await text('shared/briefing.css'),
    },
  });
  if (!result.ok) throw new Error(`warming up: ${result.error.code}: ${result.error.message}`);
}
