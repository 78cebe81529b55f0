/**
 * The strip of the position chart (specs/area-position.ts): one dot per area on a line of change
 * in delayed days, the same for every area's briefing; the briefing's own rows add its
 * highlighted, labelled dot and England's dashed rule.
 *
 * Dots that would overlap are stacked as a beeswarm (charts/beeswarm.ts) rather than jittered:
 * the offsets are computed, not random, so builds stay byte-identical, and no dot hides another,
 * so every area can be seen and counted. Random-looking jitter (even seeded from the area code)
 * would still let dots cover each other in the crowded middle of a strip this thin.
 *
 * Every area's dot is the spec's own data, laid out once per distribution, so a worker builds the
 * view once and each briefing only swaps in its two rows. A strip has room for a few hundred
 * dots: with more areas than MAX_DOTS, each dot stands for a few areas next to each other in the
 * order of change (at the middle of their changes), so the strip stays readable, and a briefing
 * costs the same to draw however many areas there are. This area's own dot is always exact.
 */
import type { AreaDistribution } from '../../types.ts';
import { beeswarm } from '../beeswarm.ts';
import { CHART_WIDTH, fixedSpec, PALETTE, type Padding } from '../theme.ts';

/** Height of the strip in points: no taller than the histogram it replaced (two pages). */
const POSITION_HEIGHT = 36;
/** Dot sizes to try, largest first: the largest whose swarm fits the strip is used. */
const DIAMETERS = [6, 5.5, 5, 4.5, 4, 3.5, 3];
const HERE_DIAMETER = 7.5;
export const LABEL_GAP = 3;
export const ENGLAND_LABEL_SIZE = 8.5;

/** The most dots a strip draws; more areas than this share dots. */
export const MAX_DOTS = 300;

export interface Strip {
  spec: Record<string, unknown>;
  /** Areas each dot stands for: 1, or several when there are more areas than MAX_DOTS. */
  perDot: number;
  /** Where each area's dot is: its x in points from the plot's left edge, its offset across. */
  dots: Map<string, { x: number; offset: number }>;
  plotWidth: number;
  /** A change's x in points from the plot's left edge. */
  xOf: (change: number) => number;
}

/** The areas with a change to show. */
export const known = (all: AreaDistribution) =>
  all.areas.filter((a): a is typeof a & { changePct: number } => a.changePct !== null);

/** Whole tens around every value, England's and zero, so the axis ends on a labelled tick. */
function changeDomain(all: AreaDistribution): [number, number] {
  const values = [0, all.england ?? 0, ...known(all).map((a) => a.changePct)];
  const lo = Math.floor(values.reduce((a, b) => Math.min(a, b)) / 10) * 10;
  const hi = Math.ceil(values.reduce((a, b) => Math.max(a, b)) / 10) * 10;
  return [lo, hi === lo ? lo + 10 : hi];
}

/**
 * The largest dots whose swarm fits the strip's height. With so many areas that even the smallest
 * do not fit, the offsets are squeezed to fit and the dots' white outlines keep them apart.
 */
function layDots(xs: { key: string; x: number }[]): {
  diameter: number;
  offsets: Map<string, number>;
} {
  const half = POSITION_HEIGHT / 2;
  let offsets = new Map<string, number>();
  for (const diameter of DIAMETERS) {
    offsets = beeswarm(xs, diameter);
    const extent = [...offsets.values()].reduce((m, y) => Math.max(m, Math.abs(y)), 0);
    if (extent + diameter / 2 <= half || diameter === DIAMETERS.at(-1)) {
      const squeeze = Math.min(1, (half - diameter / 2) / (extent || 1));
      for (const [key, y] of offsets) offsets.set(key, Math.round(y * squeeze * 100) / 100);
      return { diameter, offsets };
    }
  }
  return { diameter: DIAMETERS.at(-1)!, offsets };
}

/**
 * One strip per distribution and layout, kept by content: each task reaches a worker as a fresh
 * copy of the distribution, and the swarm and spec are the same for every area's briefing.
 */
const strips = new Map<string, Strip>();
const stripKey = (a: AreaDistribution['areas'][number]) => `${a.slug}:${a.changePct}`;
export function stripFor(all: AreaDistribution, p: Padding): Strip {
  const key = [JSON.stringify(p), all.year, all.england, ...all.areas.map(stripKey)].join('|');
  let strip = strips.get(key);
  if (!strip) strips.set(key, (strip = buildStrip(all, p)));
  return strip;
}

function buildStrip(all: AreaDistribution, p: Padding): Strip {
  const plotWidth = CHART_WIDTH - p.left - p.right;
  const [lo, hi] = changeDomain(all);
  const xOf = (change: number) => ((change - lo) / (hi - lo)) * plotWidth;
  const areas = known(all);
  const perDot = Math.ceil(areas.length / MAX_DOTS);
  // One dot per area; or one per group of `perDot` areas in the order of change, at the middle
  // of the group's changes.
  const byChange = [...areas].sort(
    (a, b) => a.changePct - b.changePct || (a.slug < b.slug ? -1 : 1),
  );
  const groups =
    perDot === 1
      ? areas.map((a) => ({ key: a.slug, change: a.changePct, members: [a] }))
      : Array.from({ length: Math.ceil(areas.length / perDot) }, (_, i) => {
          const members = byChange.slice(i * perDot, (i + 1) * perDot);
          const mid = members.length / 2;
          const change =
            (members[Math.floor(mid - 0.5)]!.changePct + members[Math.floor(mid)]!.changePct) / 2;
          return { key: `dot-${i}`, change, members };
        });
  const xs = groups.map((g) => ({ key: g.key, x: xOf(g.change) }));
  const { diameter, offsets } = layDots(xs);
  // Each area sits at its own x, at the height of the dot it belongs to.
  const dots = new Map(
    groups.flatMap((g) =>
      g.members.map((a) => [a.slug, { x: xOf(a.changePct), offset: offsets.get(g.key)! }] as const),
    ),
  );
  const values = groups.map((g) => ({ change: g.change, offset: offsets.get(g.key)! }));
  return {
    spec: stripSpec(all, p, [lo, hi], diameter, values, perDot),
    perDot,
    dots,
    plotWidth,
    xOf,
  };
}

/** "one dot per area", or "one dot per 6 areas". */
export const dotsSay = (perDot: number): string =>
  perDot === 1 ? 'one dot per area' : `one dot per ${perDot} areas`;

const Y = {
  field: 'offset',
  type: 'quantitative',
  title: null,
  scale: { domain: [-POSITION_HEIGHT / 2, POSITION_HEIGHT / 2], nice: false, zero: false },
  axis: null,
} as const;

const dot = (diameter: number) =>
  ({ type: 'point', shape: 'circle', filled: true, opacity: 1, size: diameter ** 2 }) as const;

/** Text that sits beside its x on the side given by the row ("left" or "right"). */
const besideX = {
  dx: { expr: `datum.side === 'left' ? -${LABEL_GAP} : ${LABEL_GAP}` },
  align: { expr: "datum.side === 'left' ? 'right' : 'left'" },
};

const only = (kind: 'this' | 'england') => [{ filter: `datum.kind === '${kind}'` }];

const ENGLAND_RULE = {
  name: 'england_rule',
  transform: only('england'),
  mark: { type: 'rule', color: PALETTE.darkGrey, strokeDash: [3, 2] },
};
/** The leader from this area's label to its dot, drawn over the other dots so it reads as one line. */
const HERE_LEADER = {
  name: 'here_leader',
  transform: only('this'),
  mark: { type: 'rule', color: PALETTE.orange, strokeWidth: 1, y2: -14 },
  encoding: { y: Y },
};
const HERE_DOT = {
  name: 'here',
  transform: only('this'),
  mark: { ...dot(HERE_DIAMETER), color: PALETTE.orange, stroke: PALETTE.text, strokeWidth: 0.75 },
  encoding: { y: Y },
};
// Labels sit above the strip in two rows, England's lower, so they never cover a dot or each other.
const ENGLAND_LABEL = {
  name: 'england_label',
  transform: only('england'),
  mark: { type: 'text', y: -3, baseline: 'bottom', fontSize: ENGLAND_LABEL_SIZE, ...besideX },
  encoding: { text: { field: 'label' } },
};
const HERE_LABEL = {
  name: 'here_label',
  transform: only('this'),
  mark: { type: 'text', y: -15, baseline: 'bottom', fontSize: 9, fontWeight: 600, ...besideX },
  encoding: { text: { field: 'label' } },
};

/** The strip: every area's dot from the spec's own data, the rest from the briefing's rows. */
function stripSpec(
  all: AreaDistribution,
  p: Padding,
  domain: [number, number],
  diameter: number,
  values: { change: number; offset: number }[],
  perDot: number,
): Record<string, unknown> {
  const areas = {
    name: 'areas',
    data: { values },
    mark: { ...dot(diameter), color: PALETTE.midGrey, stroke: 'white', strokeWidth: 0.5 },
    encoding: { y: Y },
  };
  return {
    ...fixedSpec(POSITION_HEIGHT, p),
    data: { name: 'table' },
    encoding: {
      x: {
        field: 'change',
        type: 'quantitative',
        title: `Change in delayed days, ${all.year} on the year before (%); ${dotsSay(perDot)}`,
        scale: { domain, nice: false, zero: false },
        axis: { tickCount: 8, labelExpr: "datum.value > 0 ? '+' + datum.label : datum.label" },
      },
    },
    layer: [ENGLAND_RULE, areas, HERE_LEADER, HERE_DOT, ENGLAND_LABEL, HERE_LABEL],
  };
}
