// Screenshots of the home page, an article and a claim page, 1280×800, in
// light and dark colour schemes, as PNG files in OUT:
//   home.png article.png claim.png home-dark.png article-dark.png claim-dark.png
//
// usage: node shots.mjs BASE --out OUT ARTICLE_PATH CLAIM_PATH

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { cli, context, Failures, launch, watch } from './lib.mjs';

const { base, out, words } = cli();
const [article, claim] = words;
if (!out || !article || !claim) {
  console.error('usage: node shots.mjs BASE --out OUT ARTICLE_PATH CLAIM_PATH');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const failures = new Failures();
const browser = await launch();
const written = [];
for (const colorScheme of ['light', 'dark']) {
  const ctx = await context(browser, { colorScheme });
  const page = await ctx.newPage();
  watch(page, failures);
  for (const [name, path] of [['home', ''], ['article', article], ['claim', claim]]) {
    const res = await page.goto(base + path);
    if (!failures.check(res?.ok(), path || '/', `HTTP ${res?.status()}`)) continue;
    await page.evaluate(() => document.fonts.ready);
    const file = join(out, colorScheme === 'light' ? `${name}.png` : `${name}-${colorScheme}.png`);
    await page.screenshot({ path: file });
    written.push(file);
  }
  await ctx.close();
}
await browser.close();
failures.finish(`shots: ${written.join(' ')}`);
