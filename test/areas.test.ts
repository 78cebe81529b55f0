/** The 150 area briefings and their index, from the full build made for the tests. */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { pdffonts, pdfStructure, pdftotext, qpdfJson } from './helpers/pdf-tools.ts';

let areas: string;
let slugs: string[];

beforeAll(async () => {
  areas = join(inject('builtRoot'), 'out', 'areas');
  slugs = (await readdir(areas))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => f.slice(0, -4))
    .sort();
});

describe('area briefings', () => {
  it('are two tagged A4 pages each, for all 150 areas', () => {
    expect(slugs).toHaveLength(150);
    for (const slug of slugs) {
      const info = execFileSync('pdfinfo', [join(areas, `${slug}.pdf`)], { encoding: 'utf8' });
      expect(info, slug).toMatch(/Pages:\s+2\n/);
      expect(info, slug).toMatch(/Tagged:\s+yes/);
    }
  });

  it.each(['kent', 'rutland', 'bedford', 'sunderland', 'bromley'])(
    '%s: fonts embedded, headings, four figures with alternative text, and its figures in the text',
    (slug) => {
      const file = join(areas, `${slug}.pdf`);
      for (const row of pdffonts(file).trim().split('\n').slice(2))
        expect(row).toMatch(/ yes yes yes /);
      const structure = pdfStructure(file);
      expect(structure).toMatch(/H1 \(block\)\n\s+"[A-Z]/);
      expect(structure.match(/Figure:/g)).toHaveLength(4);
      const text = pdftotext(file).replace(/\s+/g, ' ');
      expect(text).toContain('Page 1 of 2');
      expect(text).toMatch(/In 2018-19 there were [\d,]+ delayed days in /);
      expect(text).toContain('Open Government Licence v3.0');
    },
  );

  it('each have a bookmark for every section, as the national briefing does', () => {
    for (const slug of ['derby', 'kent']) {
      const objects = qpdfJson(join(areas, `${slug}.pdf`)).qpdf[1] as Record<
        string,
        { value?: Record<string, unknown> }
      >;
      const deref = (ref: unknown) => objects[`obj:${String(ref)}`]?.value ?? {};
      const catalog = Object.values(objects).find((o) => o.value?.['/Type'] === '/Catalog')!;
      const titles: string[] = [];
      const outlines = deref(catalog.value!['/Outlines']);
      for (let item = deref(outlines['/First']); item['/Title']; item = deref(item['/Next']))
        titles.push(String(item['/Title']).replace(/^u:/, ''));
      expect(titles, slug).toEqual(['Summary', 'Key numbers', 'About the data, and sources']);
    }
  });

  it('give the shares attributed to social care, the NHS and both, next to England, with positions', () => {
    const text = pdftotext(join(areas, 'derby.pdf')).replace(/\s+/g, ' ');
    for (const label of ['social care', 'the NHS', 'both NHS and social care'])
      expect(text).toMatch(
        new RegExp(
          `Attributed to ${label}, 2018-19 \\d+\\.\\d% \\d+\\.\\d% \\d+(st|nd|rd|th) of 150`,
        ),
      );
  });

  it("state an area's codes, old and new, and the change in data quality notes", async () => {
    const text = pdftotext(join(areas, 'bedford.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain('ONS code E06000055; code 00KB until March 2015');
    expect(text).toContain(
      "Bedford's code changed from 00KB to the ONS code E06000055 in April 2015",
    );
  });

  it('each have an HTML page that links to its PDF and back to the index, with no script', async () => {
    for (const slug of ['derby', 'kent', 'rutland']) {
      const html = await readFile(join(areas, `${slug}.html`), 'utf8');
      expect(html).toContain(`<a href="${slug}.pdf" download>`);
      expect(html).toContain('<a href="index.html">All areas</a>');
      expect(html).not.toContain('<script');
      expect(html.match(/<svg role="img" aria-label="/g)).toHaveLength(4);
    }
  });
});

describe('the index of areas', () => {
  it('lists every area in a real table, with links to its web page and PDF that exist', async () => {
    const html = await readFile(join(areas, 'index.html'), 'utf8');
    const doc = parseDocument(html);
    const table = DomUtils.findOne((el) => el.attribs.id === 'areas', doc.children)!;
    const rows = DomUtils.findAll((el) => el.name === 'tr', table.children).slice(1);
    expect(rows).toHaveLength(150);
    const hrefs = DomUtils.findAll((el) => el.name === 'a', doc.children).map(
      (a) => a.attribs.href!,
    );
    for (const slug of slugs) {
      expect(hrefs).toContain(`${slug}.html`);
      expect(hrefs).toContain(`${slug}.pdf`);
    }
    expect(html).toMatch(/<caption id="areas-caption">/);
    expect(html).toContain('<figure class="chart" id="figure-overview"');
  });
});
