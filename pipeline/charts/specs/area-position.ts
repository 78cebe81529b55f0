/**
 * "Where this area sits among all areas": every area's change in delayed days in the Better Care
 * Fund's first year as one dot on a line (a strip plot, laid out in area-position-spec.ts), this
 * area's dot in the accent colour and labelled with its name and value, England's change as a
 * dashed rule. The data table lists the largest rise and fall and this area's neighbours in rank.
 */
import { formatNumber, formatPercent } from '../../domain/format.ts';
import { textWidth } from '../../fonts.ts';
import type { AreaDistribution, AreaModel, ChartDef, Rank } from '../../types.ts';
import type { Padding } from '../theme.ts';
import {
  ENGLAND_LABEL_SIZE,
  known,
  LABEL_GAP,
  stripFor,
  dotsSay,
  type Strip,
} from './area-position-spec.ts';
import { NHSE_SOURCE_SHORT } from './source-line.ts';

/** 1 → "1st", 22 → "22nd", 113 → "113th", 1201 → "1,201st". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${formatNumber(n)}${suffix}`;
}

/** "23rd of 150", "1,201st of 1,510". */
export const rankText = (rank: Rank): string =>
  `${ordinal(rank.position)} of ${formatNumber(rank.of)}`;

const signed = (value: number | null) => formatPercent(value, 1, true);

/**
 * This area's dot and label, and England's rule and label. This area's label sits on the side of
 * its dot with more room, so the largest rise and fall keep theirs inside the chart. England's
 * goes to the side away from this area, so this area's leader line never crosses it, unless it
 * would not fit there.
 */
function highlightRows(
  m: AreaModel,
  all: AreaDistribution,
  strip: Strip,
  p: Padding,
): Record<string, unknown>[] {
  const here = strip.dots.get(m.slug);
  const rows: Record<string, unknown>[] = [];
  if (here && m.bcf.changePct !== null) {
    rows.push({
      kind: 'this',
      change: m.bcf.changePct,
      offset: here.offset,
      label: `${m.name} ${signed(m.bcf.changePct)}`,
      side: here.x > strip.plotWidth / 2 ? 'left' : 'right',
    });
  }
  if (all.england !== null) {
    const label = `England ${signed(all.england)}`;
    const x = strip.xOf(all.england);
    const room = textWidth(label, 'regular', ENGLAND_LABEL_SIZE) + LABEL_GAP;
    const away = here && here.x >= x ? 'left' : 'right';
    const fits = away === 'left' ? x - room >= -p.left : x + room <= strip.plotWidth + p.right;
    const side = fits ? away : away === 'left' ? 'right' : 'left';
    rows.push({ kind: 'england', change: all.england, label, side });
  }
  return rows;
}

/** Every area with a change, largest rise first, with its competition rank ("1st of 150"). */
function ranked(
  all: AreaDistribution,
): { slug: string; name: string; change: number; rank: Rank }[] {
  const sorted = known(all).sort((a, b) => b.changePct - a.changePct || (a.slug < b.slug ? -1 : 1));
  let position = 0;
  return sorted.map((a, i) => {
    if (i === 0 || a.changePct !== sorted[i - 1]!.changePct) position = i + 1;
    return {
      slug: a.slug,
      name: a.name,
      change: a.changePct,
      rank: { position, of: sorted.length },
    };
  });
}

/** "23rd of 150 (1st is the largest rise)", or the largest rise or fall by name. */
function placeOf(change: number, rank: Rank): string {
  if (rank.position === 1) return `the largest rise of all ${formatNumber(rank.of)} areas`;
  if (rank.position === rank.of && change < 0)
    return `the largest fall of all ${formatNumber(rank.of)} areas`;
  return `${rankText(rank)} (1st is the largest rise)`;
}

function altText(
  m: AreaModel,
  all: AreaDistribution,
  order: ReturnType<typeof ranked>,
  perDot: number,
): string {
  const top = order[0];
  const bottom = order.at(-1);
  const range =
    top && bottom
      ? `, from ${signed(bottom.change)} (${bottom.name}) to ${signed(top.change)} (${top.name})`
      : '';
  const intro = `Strip plot of the change in delayed days in ${all.year} on the year before in each of ${formatNumber(order.length)} areas, ${dotsSay(perDot)}${range}.`;
  const mine = m.bcf.changePct;
  if (mine === null)
    return `${intro} The change in ${m.name} is not available; England's was ${signed(all.england)}.`;
  const place = m.bcf.rank ? ` was ${placeOf(mine, m.bcf.rank)};` : ';';
  return `${intro} The change in ${m.name}, ${signed(mine)},${place} England's was ${signed(all.england)}.`;
}

/** Areas either side of this one in the chart's table. */
const NEIGHBOURS = 5;

/**
 * The rows of the chart's table: the largest rise and fall, and this area with the areas ranked
 * either side of it. Listing every area in every briefing would make each page grow with the
 * number of areas (and the whole batch with its square); every area's change is in the index.
 */
function tableRows(order: ReturnType<typeof ranked>, slug: string): ReturnType<typeof ranked> {
  const at = order.findIndex((a) => a.slug === slug);
  const keep = new Set([0, order.length - 1]);
  if (at >= 0)
    for (
      let i = Math.max(0, at - NEIGHBOURS);
      i <= Math.min(order.length - 1, at + NEIGHBOURS);
      i++
    )
      keep.add(i);
  return order.filter((_, i) => keep.has(i));
}

export function positionChart(m: AreaModel, all: AreaDistribution, p: Padding): ChartDef {
  const strip = stripFor(all, p);
  const order = ranked(all);
  return {
    id: 'position',
    title: `Where ${m.name} sits among all ${order.length} areas: change in delayed days in ${all.year}`,
    alt: altText(m, all, order, strip.perDot),
    sourceLine: NHSE_SOURCE_SHORT,
    sourceIds: ['nhse-dtoc'],
    spec: strip.spec,
    rows: highlightRows(m, all, strip, p),
    table: {
      caption: `Change in delayed days, ${all.year} on the year before: the largest rise and fall, and ${m.name} with the ${NEIGHBOURS} areas either side of it (every area is in the index of area briefings); England ${signed(all.england)}`,
      columns: [
        { label: 'Area', numeric: false },
        { label: 'Change', numeric: true },
        { label: 'Position', numeric: true },
      ],
      rows: [
        ...tableRows(order, m.slug).map((a) => [
          a.slug === m.slug ? `${a.name} (this area)` : a.name,
          signed(a.change),
          rankText(a.rank),
        ]),
        ...(m.bcf.changePct === null
          ? [[`${m.name} (this area)`, 'not available', 'not ranked']]
          : []),
      ],
    },
  };
}
