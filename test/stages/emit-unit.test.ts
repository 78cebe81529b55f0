/** emitPdf and emitHtml on a small filled document built here, without the rest of the pipeline. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../pipeline/errors.ts';
import { emitHtml, sizeLabel } from '../../pipeline/stages/emit-html.ts';
import { emitPdf } from '../../pipeline/stages/emit-pdf.ts';
import type { Block, DocMeta, FilledDoc } from '../../pipeline/types.ts';
import { pdfinfo, pdfStructure, pdftotext } from '../helpers/pdf-tools.ts';
import { PROJECT } from '../helpers/project.ts';

const META: DocMeta = {
  id: 'tiny',
  title: 'Costs & <benefits>',
  subtitle: 'A briefing of three blocks',
  date: '2026-11-23',
  lang: 'en-GB',
  author: 'The tests',
  dateLabel: '23 November 2026',
  shortTitle: 'Tiny',
  keywords: ['test'],
  pdfFile: 'tiny.pdf',
  htmlFile: 'tiny.html',
  backLink: null,
};

const BLOCKS: Block[] = [
  { kind: 'heading', level: 1, id: 'title', runs: [{ text: 'A tiny briefing' }] },
  { kind: 'heading', level: 2, id: 'summary', runs: [{ text: 'Summary' }] },
  {
    kind: 'paragraph',
    style: 'body',
    runs: [{ text: 'Fish & chips cost <£5> in ' }, { text: '2016', bold: true }, { text: '.' }],
  },
];

const doc = (blocks: Block[] = BLOCKS): FilledDoc => ({
  meta: META,
  // What fill makes of the same content: data already escaped.
  html: '<h1 id="title">A tiny briefing</h1>\n<p>Fish &amp; chips cost &lt;£5&gt; in <strong>2016</strong>.</p>\n',
  blocks,
});

/** The PDF's bytes written to a temporary file, for poppler to read. */
async function written(bytes: Uint8Array): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'emit-unit-')), 'tiny.pdf');
  await writeFile(file, bytes);
  return file;
}

describe('emitPdf', () => {
  it('lays a small document out on one tagged A4 page, with its headings and text', async () => {
    const pdf = await emitPdf(doc(), []);
    expect(pdf.path).toBe('tiny.pdf');
    expect(pdf.pages).toBe(1);
    const file = await written(pdf.bytes);
    const info = pdfinfo(file);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Pages:\s+1\n[\s\S]*Page size:\s+595.28 x 841.89 pts \(A4\)/);
    const text = pdftotext(file);
    expect(text).toMatch(/^A tiny briefing\n+Summary\n+Fish & chips cost <£5> in 2016\./);
    expect(text).toMatch(/Tiny · 23 November 2026 +Page 1 of 1/);
    expect(pdfStructure(file)).toMatch(
      /H1 \(block\)\n\s+"A tiny briefing"\n\s+H2 \(block\)\n\s+"Summary"/,
    );
  });

  it('breaks a long document into pages and numbers each "Page X of Y"', async () => {
    const paragraph = BLOCKS[2]!;
    const pdf = await emitPdf(
      doc([...BLOCKS, ...Array<Block>(120).fill(paragraph)]),
      [],
      'long.pdf',
    );
    expect(pdf.path).toBe('long.pdf');
    expect(pdf.pages).toBeGreaterThan(1);
    const file = await written(pdf.bytes);
    expect(pdfinfo(file)).toMatch(new RegExp(`Pages:\\s+${pdf.pages}\\n`));
    const pages = pdftotext(file).split('\f').slice(0, pdf.pages);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pdf.pages}`));
  });

  it('refuses a document with nothing to lay out', async () => {
    await expect(emitPdf(doc([]), [])).rejects.toSatisfy(
      (e) =>
        e instanceof PipelineError &&
        e.code === 'PDF_LAYOUT' &&
        e.at.file === 'tiny.pdf' &&
        /template produced no headings/.test(e.hint ?? ''),
    );
  });
});

describe('emitHtml', () => {
  const shell = async () => ({
    path: 'templates/shared/page.html.hbs',
    template: await readFile(join(PROJECT, 'templates/shared/page.html.hbs'), 'utf8'),
    css: '/* no styles */',
  });

  it('puts the filled content in the page once, and escapes the data the shell adds', async () => {
    const out = emitHtml(doc(), [], await shell(), { pages: 3, bytes: 122_880 });
    expect(out.path).toBe('tiny.html');
    const html = new TextDecoder().decode(out.bytes);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
    expect(html).toContain('<title>Costs &amp; &lt;benefits&gt;</title>');
    expect(html).not.toContain('<benefits>');
    expect(html).toContain(
      '<main id="content">\n<h1 id="title">A tiny briefing</h1>\n<p>Fish &amp; chips cost &lt;£5&gt; in <strong>2016</strong>.</p>\n</main>',
    );
    expect(html).toContain('<a href="tiny.pdf" download>');
    expect(html).toContain('(PDF, 3 pages, 120 KB)');
  });

  it('writes to the path it is given', async () => {
    const out = emitHtml(doc(), [], await shell(), { pages: 1, bytes: 1 }, 'areas/tiny.html');
    expect(out.path).toBe('areas/tiny.html');
  });

  it('gives the PDF size in KB, or MB from one megabyte', () => {
    expect([sizeLabel(512), sizeLabel(122_880), sizeLabel(1_572_864)]).toEqual([
      '1 KB',
      '120 KB',
      '1.5 MB',
    ]);
  });
});
