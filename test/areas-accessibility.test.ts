/// <reference lib="dom" />
/** The index and sample area pages in Chromium: axe-core, sorting and search. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './helpers/chromium.ts';

const require = createRequire(import.meta.url);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(file: string, width = 1280): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.goto(`file://${join(inject('builtRoot'), 'out', file)}`, { waitUntil: 'load' });
  return page;
}

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({
    content: await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'),
  });
  const result = await page.evaluate(
    (tags) =>
      (
        window as unknown as {
          axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string }[] }> };
        }
      ).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  return result.violations.map((v) => v.id);
}

describe('area pages in Chromium', () => {
  it.each(['areas/derby.html', 'areas/kent.html', 'areas/index.html'])(
    '%s has no WCAG 2.2 AA violations, wide or 320 px',
    async (file) => {
      for (const width of [1280, 320]) {
        const page = await open(file, width);
        expect(await violations(page)).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        ).toBe(true);
        await page.close();
      }
    },
  );
});

describe('the index, enhanced by its script', () => {
  it('sorts by a column when its header button is pressed, and says so', async () => {
    const page = await open('areas/index.html');
    const names = () =>
      page.$$eval('#areas tbody tr th', (cells) => cells.map((c) => c.textContent));
    const values = () =>
      page.$$eval('#areas tbody tr td:nth-child(3)', (cells) =>
        cells.map((c) => Number(c.getAttribute('data-value'))),
      );
    expect((await names())[0]).toBe('Barking & Dagenham');
    const button = (await page.$$('#areas thead th button'))[2]!;
    await button.click();
    const ascending = await values();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await button.click();
    const descending = await values();
    expect(descending).toEqual([...ascending].reverse());
    expect(
      await page.$eval('#areas thead th:nth-child(3)', (th) => th.getAttribute('aria-sort')),
    ).toBe('descending');
    expect(await page.$eval('#status', (s) => s.textContent)).toContain('descending');
    await page.close();
  });

  it('filters the rows as a name or code is typed, and counts what is shown', async () => {
    const page = await open('areas/index.html');
    await page.type('#filter', 'derby');
    const shown = await page.$$eval('#areas tbody tr', (rows) =>
      rows.filter((r) => !r.hidden).map((r) => r.querySelector('th')!.textContent),
    );
    expect(shown).toEqual(['Derby', 'Derbyshire']);
    expect(await page.$eval('#status', (s) => s.textContent)).toBe('2 of 150 areas shown.');
    await page.close();
  });

  it('works without JavaScript: the table is complete and the search box stays hidden', async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.goto(`file://${join(inject('builtRoot'), 'out', 'areas/index.html')}`);
    expect(await page.$$eval('#areas tbody tr', (rows) => rows.length)).toBe(150);
    expect(await page.$eval('#tools', (t) => (t as HTMLElement).hidden)).toBe(true);
    await page.close();
  });
});
