import { describe, expect, it } from 'vitest';
import { templatePosition } from '../../pipeline/errors.ts';
import { renderPage } from '../../pipeline/html/page.ts';

describe('renderPage', () => {
  it('places a failing name at its line and column in the page template', () => {
    const page = {
      path: 'templates/test_page.hbs',
      template: '<p>{{title}}\n  {{missing}}</p>',
      css: '',
    };
    expect(() => renderPage(page, { title: 'T' })).toThrow(
      expect.objectContaining({
        code: 'TEMPLATE_RENDER',
        at: { file: 'templates/test_page.hbs', line: 2, column: 5 },
      }),
    );
  });
});

describe('templatePosition', () => {
  it('reads both forms Handlebars uses, the render one with a 0-based column', () => {
    expect(templatePosition('"x" not defined in [object Object] - 9:19')).toEqual({
      line: 9,
      column: 20,
    });
    expect(templatePosition('Parse error on line 3:\n{{#if}\n---^')).toEqual({ line: 3 });
    expect(templatePosition('something else')).toEqual({});
  });
});
