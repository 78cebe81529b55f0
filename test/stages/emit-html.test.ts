import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Element } from 'domhandler';
import { parseDocument, DomUtils } from 'htmlparser2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT } from '../helpers/project.ts';

let html: string;

/** The inlined font data is large and unreadable in a diff: golden files hold a placeholder. */
const redactFonts = (text: string): string => text.replace(/base64,[A-Za-z0-9+/=]+/g, 'base64,…');

beforeAll(async () => {
  html = await readFile(join(inject('builtRoot'), 'out', 'bcf-briefing.html'), 'utf8');
});

describe('the HTML summary', () => {
  it('matches its golden file', async () => {
    await expect(redactFonts(html)).toMatchFileSnapshot('../golden/national/bcf-briefing.html');
  });

  it('is self-contained: no scripts, no external styles, images or fonts', () => {
    const doc = parseDocument(html);
    expect(DomUtils.getElementsByTagName('script', doc)).toHaveLength(0);
    expect(DomUtils.getElementsByTagName('link', doc)).toHaveLength(0);
    expect(DomUtils.getElementsByTagName('img', doc)).toHaveLength(0);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html).toMatch(
      /@font-face\{font-family:"Source Sans 3"[^}]*src:url\(data:font\/woff2;base64,/,
    );
  });

  it('declares its language and title, and links to the PDF with its size', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).toContain('<title>The Better Care Fund in 2015-16</title>');
    expect(html).toMatch(
      /<a href="bcf-briefing.pdf" download>Download the full briefing as a PDF<\/a> <span class="file-info">\(PDF, \d+ pages, \d+ KB\)<\/span>/,
    );
  });

  it('follows every chart with a text alternative and its data in a real table', () => {
    const doc = parseDocument(html);
    const figures = DomUtils.findAll(
      (el) => el.name === 'figure' && (el.attribs.class ?? '').includes('chart'),
      doc.children,
    );
    expect(figures).toHaveLength(4);
    for (const figure of figures) {
      const svg = DomUtils.findOne((el) => el.name === 'svg', figure.children)!;
      expect(svg.attribs.role).toBe('img');
      expect(svg.attribs['aria-label']!.length).toBeGreaterThan(40);
      const table = DomUtils.findOne((el) => el.name === 'table', figure.children)!;
      expect(DomUtils.getElementsByTagName('th', table).length).toBeGreaterThan(1);
      expect(DomUtils.getElementsByTagName('caption', table)).toHaveLength(1);
    }
  });

  it('links each figure to its entry in the Sources section', () => {
    const targets = [...html.matchAll(/<a class="cite" href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(30);
    for (const id of new Set(targets)) expect(html).toContain(`<li id="${id}">`);
  });

  it('links every figure to an entry in the Sources section, by a marker or the number itself', () => {
    // Issue 5: each figure in the HTML links to its source entry, table cells (cite=false) too.
    const doc = parseDocument(html);
    const sources = DomUtils.findOne(
      (el) => el.name === 'ol' && el.attribs.class === 'sources',
      doc.children,
    )!;
    const entries = new Set(
      DomUtils.getElementsByTagName('li', sources).map((li) => `#${li.attribs.id}`),
    );
    const figures = DomUtils.findAll((el) => el.attribs.class === 'fig', doc.children);
    expect(figures.length).toBeGreaterThan(30);
    const linkOf = (fig: Element): string | undefined => {
      const around = fig.parent as Element | null;
      if (around?.name === 'a') return around.attribs.href;
      const next = DomUtils.nextElementSibling(fig);
      return next?.name === 'a' && next.attribs.class === 'cite' ? next.attribs.href : undefined;
    };
    const unlinked = figures.filter((fig) => !entries.has(linkOf(fig) ?? ''));
    expect(unlinked.map((fig) => DomUtils.textContent(fig))).toEqual([]);
    // The eight numbers of the plan table link without a marker.
    const table = DomUtils.findOne(
      (el) => el.name === 'table' && DomUtils.textContent(el).includes('Planned change'),
      doc.children,
    )!;
    const inTable = DomUtils.findAll((el) => el.attribs.class === 'fig', table.children);
    expect(inTable).toHaveLength(8);
    for (const fig of inTable) expect((fig.parent as Element).attribs.class).toBe('source-link');
  });

  it('has a print stylesheet and a narrow-screen layout', () => {
    expect(html).toContain('@media print');
    expect(html).toContain('@media (max-width: 30rem)');
  });
});

describe('templates', () => {
  it('never use triple-stash (unescaped output)', async () => {
    const files = (await readdir(join(PROJECT, 'templates'), { recursive: true })).filter((f) =>
      f.endsWith('.hbs'),
    );
    expect(files.length).toBeGreaterThan(1);
    for (const file of files)
      expect(await readFile(join(PROJECT, 'templates', file), 'utf8')).not.toContain('{{{');
  });
});
