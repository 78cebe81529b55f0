/** The briefing PDF read back with poppler and qpdf: tags, structure, outline, fonts, text. */
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { pdffonts, pdfinfo, pdfStructure, pdftotext, qpdfJson } from '../helpers/pdf-tools.ts';

let file: string;
let info: string;
let structure: string;
let text: string;
let objects: Record<string, { value?: Record<string, unknown> }>;

const catalog = () => Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog')!.value!;
const deref = (ref: unknown) => objects[`obj:${String(ref)}`]?.value ?? {};

beforeAll(() => {
  file = join(inject('builtRoot'), 'out', 'bcf-briefing.pdf');
  info = pdfinfo(file);
  structure = pdfStructure(file);
  text = pdftotext(file);
  objects = qpdfJson(file).qpdf[1];
});

describe('the briefing PDF', () => {
  it('is A4, tagged, titled, and set to show its title', () => {
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+595.28 x 841.89 pts \(A4\)/);
    expect(info).toMatch(/Title:\s+The Better Care Fund in 2015-16/);
    expect(catalog()['/Lang']).toBe('u:en-GB');
    expect(deref(catalog()['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true);
    expect(deref(catalog()['/MarkInfo'])['/Marked']).toBe(true);
  });

  it('embeds every font, subset', () => {
    const rows = pdffonts(file).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).toMatch(/SourceSans3/);
      expect(row).toMatch(/ yes yes yes /);
    }
  });

  it('has a structure tree with headings, lists, a table with header cells, and figures', () => {
    expect(structure).toMatch(/^Document/);
    expect(structure).toContain('H1 (block)\n    "The Better Care Fund in 2015-16"');
    for (const heading of [
      'Summary',
      'Key figures',
      'Delayed transfers of care: what the data show',
      'Notes on the sources',
      'Sources',
    ]) {
      expect(structure).toMatch(new RegExp(`H2 \\(block\\)\\n\\s+"${heading}"`));
    }
    expect(structure).toMatch(/L \(block\)\n\s+LI \(block\)\n\s+Lbl/);
    expect(structure).toMatch(
      /Table \(block\)\n\s+Caption\n[\s\S]*THead\n\s+TR\n\s+TH:\n\s+\/Scope \/Column/,
    );
    expect(structure.match(/Figure:/g)).toHaveLength(4);
    expect(structure).toContain('BlockQuote');
    expect(structure).toMatch(/Link \(inline\)\n\s+"\[1\]"/);
  });

  it('links each number of the plan table (cite=false) to its source entry, naming the source', () => {
    // No marker in the table: the number itself is the link, its annotation says which source.
    const links = Object.values(objects)
      .map((o) => o.value)
      .filter(
        (v) => v?.['/Subtype'] === '/Link' && String(v['/Contents']).startsWith('u:Source [2]: '),
      );
    expect(links).toHaveLength(8);
    for (const link of links)
      expect(deref(link!['/A'])).toEqual({ '/S': '/GoTo', '/D': 'u:source-pac-2017' });
  });

  it('gives every figure alternative text', () => {
    const figures = Object.values(objects)
      .map((o) => o.value)
      .filter((v) => v?.['/S'] === '/Figure');
    expect(figures).toHaveLength(4);
    for (const figure of figures) expect(String(figure!['/Alt'])).toMatch(/^u:.{40,}/);
  });

  it('has a bookmark for each section', () => {
    const outlines = deref(catalog()['/Outlines']);
    const titles: string[] = [];
    for (let item = deref(outlines['/First']); item['/Title']; item = deref(item['/Next']))
      titles.push(String(item['/Title']).replace(/^u:/, ''));
    expect(titles).toEqual([
      'Summary',
      'Key figures',
      'What the fund was for',
      'What the National Audit Office found',
      'Delayed transfers of care: what the data show',
      'What others said',
      'Notes on the sources',
      'About this briefing',
      'Sources',
    ]);
  });

  it('states the key figures', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const figure of [
      '£5.3bn',
      '151',
      '£511m',
      '106,000',
      '87,000',
      '£311m',
      '293,000',
      '185,000',
      '£146m',
      'more than 90%',
      '£900m',
      '184,610',
      '183,000',
      '1,809,587',
    ]) {
      expect(flat).toContain(figure);
    }
  });

  it('numbers its pages "Page X of Y", and no page is empty', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const perPage = text.split('\f').filter((p) => p.trim());
    expect(perPage).toHaveLength(pages);
    perPage.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages}`);
      expect(
        page
          .replace(/.*Page \d+ of \d+.*/, '')
          .trim()
          .split('\n').length,
      ).toBeGreaterThan(3);
    });
  });

  it('keeps page numbers out of the structure tree (they are artifacts)', () => {
    expect(structure).not.toMatch(/Page \d+ of \d+/);
  });
});
