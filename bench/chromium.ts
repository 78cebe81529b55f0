/**
 * The comparator most teams use today: one headless Chromium, one page per core, each briefing's
 * HTML opened and printed with page.pdf().
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/helpers/chromium.ts';

export async function printWithChromium(
  htmlFiles: string[],
  outDir: string,
  pages: number,
): Promise<{ wallMs: number; launchMs: number }> {
  await mkdir(outDir, { recursive: true });
  const start = performance.now();
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const launchMs = performance.now() - start;
  try {
    let next = 0;
    const worker = async () => {
      const page = await browser.newPage();
      while (next < htmlFiles.length) {
        const file = htmlFiles[next++]!;
        await page.goto(`file://${file}`, { waitUntil: 'load' });
        await page.pdf({ path: join(outDir, `${next}.pdf`), format: 'A4', printBackground: true });
      }
      await page.close();
    };
    await Promise.all(Array.from({ length: pages }, worker));
  } finally {
    await browser.close();
  }
  return { wallMs: performance.now() - start, launchMs };
}
