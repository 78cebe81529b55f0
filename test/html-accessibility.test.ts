/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The HTML summary in real headless Chromium: axe-core (WCAG 2.2 AA), narrow screens, print. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './helpers/chromium.ts';

const require = createRequire(import.meta.url);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`file://${join(inject('builtRoot'), 'out', 'bcf-briefing.html')}`, {
    waitUntil: 'load',
  });
  await page.addScriptTag({
    content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'),
  });
});

afterAll(async () => {
  await browser?.close();
});

interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[];
  passes: { id: string }[];
}

const runAxe = (): Promise<AxeResult> =>
  page.evaluate(
    (tags) =>
      (
        window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } }
      ).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );

describe('the HTML summary in Chromium', () => {
  it('has no WCAG 2.2 AA violations (axe-core)', async () => {
    await page.setViewport({ width: 1280, height: 900 });
    const result = await runAxe();
    expect(
      result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    const passed = result.passes.map((p) => p.id);
    expect(passed, passed.join(' ')).toEqual(
      expect.arrayContaining([
        'color-contrast',
        'svg-img-alt',
        'html-has-lang',
        'document-title',
        'target-size',
        'link-name',
      ]),
    );
  });

  it('has no violations with the data tables open', async () => {
    await page.evaluate(() =>
      document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')),
    );
    const result = await runAxe();
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('reads at 320 px wide without sideways scrolling of the page', async () => {
    await page.setViewport({ width: 320, height: 700 });
    const widths = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      view: window.innerWidth,
    }));
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    const result = await runAxe();
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });

  it('uses the embedded font, not a fallback', async () => {
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return (
        document.fonts.check('16px "Source Sans 3"') &&
        [...document.fonts].some((f) => f.status === 'loaded')
      );
    });
    expect(loaded).toBe(true);
  });

  it('the validation report has no WCAG 2.2 AA violations either', async () => {
    const report = await browser.newPage();
    await report.goto(`file://${join(inject('builtRoot'), 'out', 'validation-report.html')}`, {
      waitUntil: 'load',
    });
    await report.addScriptTag({
      content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'),
    });
    for (const width of [1280, 320]) {
      await report.setViewport({ width, height: 900 });
      const result = await report.evaluate(
        (tags) =>
          (
            window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } }
          ).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
        AXE_TAGS,
      );
      expect(result.violations.map((v) => v.id)).toEqual([]);
      expect(
        await report.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
    }
  });

  it('hides the download link and data tables when printed', async () => {
    await page.emulateMediaType('print');
    const hidden = await page.evaluate(() =>
      ['.download', 'details'].map((s) => getComputedStyle(document.querySelector(s)!).display),
    );
    expect(hidden).toEqual(['none', 'none']);
    await page.emulateMediaType('screen');
  });
});
