import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../pipeline/errors.ts';
import { parseBlocks } from '../../pipeline/fill/parse-html.ts';
import { nationalFill } from '../../pipeline/briefings/national.ts';
import { fillTemplates } from '../../pipeline/stages/fill.ts';
import { validate } from '../../pipeline/stages/validate.ts';
import type { ValidDataset } from '../../pipeline/types.ts';
import { FIXTURE_OPTIONS, fixtureFiles } from '../helpers/fixtures.ts';

function fill(
  template: string,
  valid: ValidDataset = validate({ files: fixtureFiles() }, FIXTURE_OPTIONS),
) {
  return fillTemplates(
    nationalFill(valid, [], { path: 'templates/bcf/briefing.hbs', source: template }),
  );
}

describe('fill: helpers', () => {
  it('formats a figure with its unit and links it to its source entry', () => {
    const doc = fill('<p>{{fig "rise"}}</p>');
    expect(doc.html).toBe(
      '<p><span class="fig">1,234</span><a class="cite" href="#source-article"><span class="visually-hidden">source </span>[1]</a></p>',
    );
  });

  it('with cite=false, makes the figure itself the link to its source entry, named for screen readers', () => {
    const doc = fill(
      '<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>{{fig "rise" cite=false}}</td></tr></tbody></table>',
    );
    expect(doc.html).toContain(
      '<td><a class="source-link" href="#source-article" title="Source [1]: The Paper, A report"><span class="fig">1,234</span><span class="visually-hidden"> (source [1])</span></a></td>',
    );
    // In the PDF: the number alone, as a link to the entry that says which source it is.
    const table = doc.blocks.find((b) => b.kind === 'table')!;
    expect(table.kind === 'table' && table.rows[0]![0]).toEqual([
      {
        text: '1,234',
        href: '#source-article',
        plain: true,
        title: 'Source [1]: The Paper, A report',
      },
    ]);
  });

  it('escapes data: a claim label or quotation with markup is shown as text', () => {
    const valid = validate({ files: fixtureFiles() }, FIXTURE_OPTIONS);
    const quote = valid.briefing.quotes[0]!;
    const hostile = {
      ...valid,
      briefing: { ...valid.briefing, quotes: [{ ...quote, speaker: '<script>alert(1)</script>' }] },
    };
    const doc = fill('{{quote "minister"}}', hostile);
    expect(doc.html).not.toContain('<script>');
    expect(doc.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('builds the Sources section from what the template used', () => {
    const doc = fill('<p>{{fig "rise"}}</p>{{quote "minister"}}{{sources}}');
    expect(doc.html).toContain('<li id="source-article">');
    expect(doc.html).toContain('Figures: 1,234 (line 3).');
    expect(doc.html).toContain('Quotations: The minister (line 5).');
  });

  it('fails with a located error for a figure that does not exist', () => {
    try {
      fill('<p>\n  {{fig "missing"}}</p>');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PipelineError);
      expect((error as PipelineError).code).toBe('TEMPLATE_CLAIM_UNKNOWN');
      expect((error as PipelineError).at).toEqual({
        file: 'templates/bcf/briefing.hbs',
        line: 2,
        column: 3,
      });
    }
  });

  it('fails on an unknown variable instead of printing nothing, at its line and column', () => {
    // Handlebars places it as "- 2:7" (0-based): reported 1-based, at "meta".
    expect(() => fill('<p>\n  <b>{{meta.nonexistent.deep}}</b></p>')).toThrow(
      expect.objectContaining({
        code: 'TEMPLATE_RENDER',
        at: { file: 'templates/bcf/briefing.hbs', line: 2, column: 8 },
      }),
    );
  });
});

describe('fill: HTML read back as blocks for the PDF', () => {
  it('reads headings, paragraphs with styled runs and citation links', () => {
    const blocks = parseBlocks(
      '<h2 id="a">Title</h2><p class="lead">Some <strong>bold</strong> and <a class="cite" href="#s">[1]</a>.</p>',
      'x',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, id: 'a', runs: [{ text: 'Title' }] },
      {
        kind: 'paragraph',
        style: 'lead',
        runs: [
          { text: 'Some ' },
          { text: 'bold', bold: true },
          { text: ' and ' },
          { text: '[1]', href: '#s', cite: true },
          { text: '.' },
        ],
      },
    ]);
  });

  it('reads tables with numeric columns, and skips text meant only for screen readers', () => {
    const blocks = parseBlocks(
      '<table><caption>C</caption><thead><tr><th>A</th><th class="num">B</th></tr></thead><tbody><tr><th>x<span class="visually-hidden"> hidden</span></th><td class="num">1</td></tr></tbody></table>',
      'x',
    );
    expect(blocks).toEqual([
      {
        kind: 'table',
        caption: [{ text: 'C' }],
        header: [[{ text: 'A' }], [{ text: 'B' }]],
        numeric: [false, true],
        rows: [[[{ text: 'x' }], [{ text: '1' }]]],
      },
    ]);
  });

  it('rejects an element the PDF cannot show, with its line', () => {
    expect(() => parseBlocks('<p>a</p>\n<video></video>', 'templates/t.hbs')).toThrow(
      expect.objectContaining({
        code: 'TEMPLATE_ELEMENT_UNSUPPORTED',
        at: { file: 'templates/t.hbs', line: 2 },
      }),
    );
  });
});
