/**
 * A chart as a file on its own: the title above and the source line below are drawn into the
 * SVG (wrapped to the chart's width with the real font), so the PNG and SVG make sense alone.
 */
import { FONT_FAMILY, textWidth, type FontStyle } from '../fonts.ts';
import { escapeXml } from './xml.ts';

const TITLE_SIZE = 12;
const SOURCE_SIZE = 8.5;

/** Greedy word wrap using the real font's widths. */
export function wrapText(text: string, width: number, style: FontStyle, size: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, style, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

function textBlock(
  lines: string[],
  y: number,
  size: number,
  weight: number,
  color: string,
): string {
  return lines
    .map(
      (l, i) =>
        `<text x="4" y="${(y + i * size * 1.3).toFixed(1)}" font-family="${FONT_FAMILY}" font-size="${size}" font-weight="${weight}" fill="${color}">${escapeXml(l)}</text>`,
    )
    .join('');
}

export function composeStandalone(
  svg: string,
  width: number,
  height: number,
  title: string,
  sourceLine: string,
): { svg: string; width: number; height: number } {
  const titleLines = wrapText(title, width - 8, 'semibold', TITLE_SIZE);
  const sourceLines = wrapText(sourceLine, width - 8, 'regular', SOURCE_SIZE);
  const top = 8 + titleLines.length * TITLE_SIZE * 1.3 + 4;
  const bottom = 6 + sourceLines.length * SOURCE_SIZE * 1.3 + 4;
  const total = Math.ceil(top + height + bottom);
  const inner = svg.replace(/^<svg /, `<svg x="0" y="${top.toFixed(1)}" `);
  const out =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">` +
    `<title>${escapeXml(title)}</title><rect width="${width}" height="${total}" fill="white"/>` +
    textBlock(titleLines, 8 + TITLE_SIZE, TITLE_SIZE, 600, '#0B0C0C') +
    inner +
    textBlock(sourceLines, top + height + 6 + SOURCE_SIZE, SOURCE_SIZE, 400, '#3D3D3D') +
    '</svg>';
  return { svg: out, width, height: total };
}
