/** A recorded chart drawing written out as SVG (pipeline/charts/ops-svg.ts). */
import { describe, expect, it } from 'vitest';
import { svgFromOps } from '../../pipeline/charts/ops-svg.ts';
import type { DrawOp, PathSeg } from '../../pipeline/types.ts';

const square: PathSeg[] = [['M', 0, 0], ['L', 10, 0], ['L', 10, 10], ['L', 0, 10], ['Z']];
const stroke = (
  path: PathSeg[],
  extra: Partial<Extract<DrawOp, { t: 'stroke' }>> = {},
): DrawOp => ({
  t: 'stroke',
  path,
  colour: '#6F777B',
  alpha: 1,
  width: 1,
  cap: 'butt',
  join: 'miter',
  miter: 10,
  dash: [],
  dashOffset: 0,
  ...extra,
});
const text = (extra: Partial<Extract<DrawOp, { t: 'text' }>> = {}): DrawOp => ({
  t: 'text',
  text: 'Derby +43.9%',
  x: 5,
  y: 12,
  m: [1, 0, 0, 1, 40, 20],
  font: '600 10px Source Sans 3',
  align: 'left',
  colour: '#0B0C0C',
  alpha: 1,
  ...extra,
});

describe('chart drawing as SVG', () => {
  it('is one SVG of the chart’s size, with paths to a hundredth of a point', () => {
    const svg = svgFromOps(
      [
        {
          t: 'fill',
          path: [
            ['M', 0.123456, 1],
            ['L', 2.005, 3.999999],
          ],
          colour: 'white',
          alpha: 1,
          evenOdd: false,
        },
      ],
      480,
      104,
      'c',
    );
    expect(svg).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="480" height="104" viewBox="0 0 480 104"><path d="M0.12,1L2.01,4" fill="white"/></svg>',
    );
  });

  it('fills and strokes one path as one element, and leaves out what would not show', () => {
    const svg = svgFromOps(
      [
        { t: 'fill', path: square, colour: '#F47738', alpha: 0.5, evenOdd: true },
        stroke(square, { colour: '#0B0C0C', width: 2, cap: 'round', dash: [3, 2], dashOffset: 1 }),
        { t: 'fill', path: square, colour: 'transparent', alpha: 1, evenOdd: false },
        stroke(square, { width: 0 }),
        text({ alpha: 0 }),
      ],
      10,
      10,
      'c',
    );
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain(
      '<path d="M0,0L10,0L10,10L0,10Z" fill="#F47738" fill-opacity="0.5" fill-rule="evenodd" stroke="#0B0C0C" stroke-width="2" stroke-linecap="round" stroke-miterlimit="10" stroke-dasharray="3,2" stroke-dashoffset="1"/>',
    );
    expect(svg).not.toContain('<text');
  });

  it('sets text at its place in the font it was measured in, anchored as the canvas aligned it', () => {
    const svg = svgFromOps(
      [
        text(),
        text({ text: 'A & <B>', align: 'center', font: 'italic 9.5px Source Sans 3' }),
        text({
          text: 'Up',
          align: 'right',
          m: [0, -1, 1, 0, 8, 50],
          font: 'bold 11px "Source Sans 3", sans-serif',
        }),
      ],
      100,
      100,
      'c',
    );
    expect(svg).toContain(
      '<text x="45" y="32" font-family="Source Sans 3" font-size="10" font-weight="600" fill="#0B0C0C">Derby +43.9%</text>',
    );
    // No part has a role or name of its own: the HTML makes the whole SVG one named image.
    expect(svg).not.toMatch(/ (role|aria-[a-z]+)=/);
    expect(svg).toContain(
      '<text x="45" y="32" font-family="Source Sans 3" font-size="9.5" font-style="italic" text-anchor="middle" fill="#0B0C0C">A &amp; &lt;B&gt;</text>',
    );
    expect(svg).toContain(
      `<text transform="matrix(0,-1,1,0,8,50)" x="5" y="12" font-family="&#39;Source Sans 3&#39;, sans-serif" font-size="11" font-weight="bold" text-anchor="end" fill="#0B0C0C">Up</text>`,
    );
  });

  it('clips what is drawn after a clip until the state is restored, with ids named for the chart', () => {
    const svg = svgFromOps(
      [
        { t: 'save' },
        { t: 'clip', path: square },
        { t: 'save' },
        { t: 'clip', path: square },
        stroke(square),
        { t: 'restore' },
        stroke(square),
        { t: 'restore' },
        text(),
      ],
      10,
      10,
      'position',
    );
    expect(svg).toMatch(
      /^<svg [^>]*><clipPath id="position-clip1">.*?<\/clipPath><g clip-path="url\(#position-clip1\)"><clipPath id="position-clip2">.*?<\/clipPath><g clip-path="url\(#position-clip2\)"><path [^>]*\/><\/g><path [^>]*\/><\/g><text /,
    );
    // A clip left open at the end is closed.
    const open = svgFromOps([{ t: 'clip', path: square }, stroke(square)], 10, 10, 'x');
    expect(open.match(/<g /g)).toHaveLength(1);
    expect(open).toMatch(/<\/g><\/svg>$/);
  });
});
