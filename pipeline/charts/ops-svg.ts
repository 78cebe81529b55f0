/**
 * A chart's recorded drawing (see recorder.ts) written out as SVG. Vega draws each chart once,
 * into the recorder; the PDF replays the operations as vectors (pdf/draw-chart.ts) and the HTML
 * gets them as this SVG. Drawing the scene a second time through vega's own SVG renderer cost
 * more than a tenth of an area briefing's time. Vega's SVG also carried ARIA roles on every mark,
 * which the HTML removed anyway: the chart is one image, named by its text alternative, with the
 * data as a table beside it.
 */
import type { DrawOp, PathSeg } from '../types.ts';
import {
  fills,
  hundredth,
  shows,
  strokeOfFill,
  strokes,
  type FillOp,
  type StrokeOp,
  type TextOp,
} from './recorder.ts';
import { escapeXml } from './xml.ts';

/** A coordinate to a hundredth of a point, as in the PDF. */
const n = (v: number): string => String(hundredth(v));

function pathData(path: PathSeg[]): string {
  let d = '';
  let x = '';
  let y = '';
  for (const seg of path) {
    if (seg[0] === 'M') d += `M${(x = n(seg[1]))},${(y = n(seg[2]))}`;
    else if (seg[0] === 'L') {
      // vega starts a circle with a line to the point the path is already at: nothing to draw.
      const nx = n(seg[1]);
      const ny = n(seg[2]);
      if (nx !== x || ny !== y) d += `L${(x = nx)},${(y = ny)}`;
    } else if (seg[0] === 'C') {
      d += `C${n(seg[1])},${n(seg[2])},${n(seg[3])},${n(seg[4])},${(x = n(seg[5]))},${(y = n(seg[6]))}`;
    } else {
      d += 'Z';
      x = y = '';
    }
  }
  return d;
}

const opacity = (name: string, alpha: number): string =>
  alpha < 1 ? ` ${name}="${n(alpha)}"` : '';

function fillAttributes(op: FillOp): string {
  return (
    ` fill="${escapeXml(op.colour)}"${opacity('fill-opacity', op.alpha)}` +
    (op.evenOdd ? ' fill-rule="evenodd"' : '')
  );
}

/** Stroke attributes; those at SVG's initial value (butt caps, miter joins, limit 4) are left out. */
function strokeAttributes(op: StrokeOp): string {
  const dashed = op.dash.length > 0 && op.dash.every((d) => d > 0);
  return (
    ` stroke="${escapeXml(op.colour)}" stroke-width="${n(op.width)}"` +
    opacity('stroke-opacity', op.alpha) +
    (op.cap !== 'butt' ? ` stroke-linecap="${escapeXml(op.cap)}"` : '') +
    (op.join !== 'miter' ? ` stroke-linejoin="${escapeXml(op.join)}"` : '') +
    (op.join === 'miter' && op.miter !== 4 ? ` stroke-miterlimit="${n(op.miter)}"` : '') +
    (dashed
      ? ` stroke-dasharray="${op.dash.map(n).join(',')}"` +
        (op.dashOffset ? ` stroke-dashoffset="${n(op.dashOffset)}"` : '')
      : '')
  );
}

/** "italic 600 9.5px Source Sans 3" → SVG font attributes. */
function fontAttributes(font: string): string {
  const match =
    /^(?:(italic|oblique|normal)\s+)?(?:(normal|bold|lighter|bolder|[1-9]00)\s+)?([\d.]+)px\s+(.+)$/.exec(
      font.trim(),
    );
  if (!match) return ` style="font:${escapeXml(font)}"`;
  const [, style, weight, size, family] = match;
  return (
    ` font-family="${escapeXml(family!.replace(/"/g, "'"))}" font-size="${size}"` +
    (weight && weight !== 'normal' && weight !== '400' ? ` font-weight="${weight}"` : '') +
    (style === 'italic' || style === 'oblique' ? ` font-style="${style}"` : '')
  );
}

const ANCHOR: Record<string, string> = { center: 'middle', right: 'end', end: 'end' };

function text(op: TextOp): string {
  const [a, b, c, d, e, f] = op.m;
  // A translation alone moves the text's own position; anything else is written as a transform.
  const place =
    a === 1 && b === 0 && c === 0 && d === 1
      ? ` x="${n(op.x + e)}" y="${n(op.y + f)}"`
      : ` transform="matrix(${[a, b, c, d, e, f].map((v) => Math.round(v * 1e6) / 1e6).join(',')})" x="${n(op.x)}" y="${n(op.y)}"`;
  const anchor = ANCHOR[op.align];
  return (
    `<text${place}${fontAttributes(op.font)}` +
    (anchor ? ` text-anchor="${anchor}"` : '') +
    ` fill="${escapeXml(op.colour)}"${opacity('fill-opacity', op.alpha)}>${escapeXml(op.text)}</text>`
  );
}

/**
 * The SVG of a chart `width` × `height` drawn by `ops`. `id` names the clip paths, so that the
 * several charts of one HTML page never share an id.
 */
export function svgFromOps(ops: DrawOp[], width: number, height: number, id: string): string {
  let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`;
  // Each saved state counts the clipping groups opened in it, closed again when it is restored.
  const open: number[] = [0];
  let clips = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    switch (op.t) {
      case 'save':
        open.push(0);
        break;
      case 'restore':
        out += '</g>'.repeat(open.pop() ?? 0);
        if (open.length === 0) open.push(0);
        break;
      case 'clip': {
        const clip = `${id}-clip${++clips}`;
        out += `<clipPath id="${escapeXml(clip)}"><path d="${pathData(op.path)}"/></clipPath><g clip-path="url(#${escapeXml(clip)})">`;
        open[open.length - 1]!++;
        break;
      }
      case 'fill': {
        const stroke = strokeOfFill(ops, i);
        if (stroke) {
          // Fill and stroke of one path: one element.
          out += `<path d="${pathData(op.path)}"${fills(op) ? fillAttributes(op) : ' fill="none"'}${strokeAttributes(stroke)}/>`;
          i++;
        } else if (fills(op)) out += `<path d="${pathData(op.path)}"${fillAttributes(op)}/>`;
        break;
      }
      case 'stroke':
        if (strokes(op))
          out += `<path d="${pathData(op.path)}" fill="none"${strokeAttributes(op)}/>`;
        break;
      case 'text':
        if (shows(op) && op.text !== '') out += text(op);
        break;
    }
  }
  for (const count of open) out += '</g>'.repeat(count);
  return `${out}</svg>`;
}
