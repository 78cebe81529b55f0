/** The index page's overview: every area's change in delayed days in the latest year, with England. */
import { formatPercent } from '../../domain/format.ts';
import type { AreaModel, ChartDef } from '../../types.ts';
import { baseSpec, PALETTE } from '../theme.ts';
import { NHSE_SOURCE_LINE } from './source-line.ts';

export function overviewChart(models: AreaModel[]): ChartDef {
  const first = models[0]!.latest;
  const known = models.filter((m) => m.latest.changePct !== null);
  const rises = known.filter((m) => m.latest.changePct! > 0).length;
  const england = first.englandChangePct;
  const sorted = [...known].sort((a, b) => b.latest.changePct! - a.latest.changePct!);
  return {
    id: 'overview',
    title: `Change in delayed days, ${first.previousYear} to ${first.year}, in every area`,
    alt: `Dot plot of the change in delayed days from ${first.previousYear} to ${first.year} for ${known.length} areas: ${rises} rose and ${known.length - rises} fell or stayed the same. England changed by ${formatPercent(england, 1, true)}.`,
    sourceLine: NHSE_SOURCE_LINE,
    sourceIds: ['nhse-dtoc'],
    spec: {
      ...baseSpec(90),
      data: {
        values: [
          ...known.map((m) => ({ kind: 'area', change: m.latest.changePct })),
          { kind: 'england', change: england, label: `England ${formatPercent(england, 1, true)}` },
        ],
      },
      encoding: {
        x: {
          field: 'change',
          type: 'quantitative',
          title: `Change in delayed days, ${first.previousYear} to ${first.year} (%)`,
          axis: { tickCount: 8 },
        },
      },
      layer: [
        {
          transform: [{ filter: 'datum.kind === "area"' }],
          mark: { type: 'circle', size: 40, opacity: 0.5, color: PALETTE.darkBlue },
          encoding: {
            y: { datum: 0.5, type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
          },
        },
        {
          transform: [{ filter: 'datum.kind === "england"' }],
          mark: { type: 'rule', color: PALETTE.orange, strokeWidth: 2 },
        },
        {
          transform: [{ filter: 'datum.kind === "england"' }],
          mark: {
            type: 'text',
            y: 0,
            baseline: 'top',
            align: 'left',
            dx: 4,
            fontSize: 9,
            fontWeight: 600,
          },
          encoding: { text: { field: 'label' } },
        },
      ],
    },
    table: {
      caption: `Largest rises and falls, ${first.previousYear} to ${first.year}`,
      columns: [
        { label: 'Area', numeric: false },
        { label: 'Change', numeric: true },
      ],
      rows: [...sorted.slice(0, 5), ...sorted.slice(-5)].map((m) => [
        m.name,
        formatPercent(m.latest.changePct, 1, true),
      ]),
    },
  };
}
