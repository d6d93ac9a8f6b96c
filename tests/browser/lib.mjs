// What every browser script shares: launching Debian's Chromium, the site's
// page list, watching a page for errors, and collecting failures.
//
// The scripts are run by `cargo test` (tests/it/browser.rs) against a built
// dossier served under a sub-path, e.g. http://127.0.0.1:PORT/repo/.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { chromium } from 'playwright-core';

/** Debian's Chromium; playwright-core never downloads a browser. */
export const CHROMIUM = process.env.DOSSIER_CHROMIUM || '/usr/bin/chromium';

/** The flags a sandboxed, offline CI machine needs. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** A context: 1280×800 (or `width`), light or dark, with or without JS. */
export async function context(browser, { width = 1280, height = 800, colorScheme = 'light', javaScriptEnabled = true } = {}) {
  return browser.newContext({ viewport: { width, height }, colorScheme, javaScriptEnabled, reducedMotion: 'reduce' });
}

/**
 * Parses `script.mjs BASE [--out DIR] [--only a,b] [WORDS…]`. BASE is the
 * served site's root, ending in "/".
 */
export function cli() {
  const args = process.argv.slice(2);
  const base = args.shift();
  if (!base || !base.endsWith('/')) {
    console.error(`usage: ${process.argv[1]} http://127.0.0.1:PORT/repo/ [--out DIR] [--only NAMES] [WORDS…]`);
    process.exit(2);
  }
  const opts = { base, out: null, only: null, words: [] };
  while (args.length) {
    const a = args.shift();
    if (a === '--out') opts.out = args.shift();
    else if (a === '--only') opts.only = args.shift().split(',').filter(Boolean);
    else opts.words.push(a);
  }
  return opts;
}

/**
 * Every page of the site: the sitemap's URLs moved onto the served origin
 * (the sitemap is written for the public `base_url`, with the same path).
 */
export async function sitemapPages(base) {
  const res = await fetch(new URL('sitemap.xml', base));
  if (!res.ok) throw new Error(`sitemap.xml: HTTP ${res.status}`);
  const xml = await res.text();
  const origin = new URL(base).origin;
  const urls = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => origin + new URL(m[1]).pathname);
  if (urls.length === 0) throw new Error('sitemap.xml lists no page');
  return urls;
}

/** Collected failures, printed together at the end. */
export class Failures {
  constructor() {
    this.list = [];
  }
  add(where, what) {
    this.list.push(`${where}: ${what}`);
  }
  check(ok, where, what) {
    if (!ok) this.add(where, what);
    return ok;
  }
  /** Prints every failure and exits 1, or prints `summary` and exits 0. */
  finish(summary) {
    if (this.list.length) {
      console.error(`${this.list.length} failure(s):`);
      for (const f of this.list) console.error(`  - ${f}`);
      process.exit(1);
    }
    console.log(summary);
    process.exit(0);
  }
}

/**
 * Records console errors and warnings, uncaught exceptions, failed requests
 * and HTTP errors of `page` into `failures`, labelled with the page's URL.
 * `expectStatus(url, status)` may accept a status (the 404 page itself).
 */
export function watch(page, failures, { expectStatus = () => false } = {}) {
  const where = () => shortUrl(page.url());
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      const loc = msg.location();
      // Chromium also logs the expected status of a 404 page as an error.
      if (/^Failed to load resource: .* status of (\d+)/.test(msg.text()) &&
        expectStatus(loc.url, Number(msg.text().match(/status of (\d+)/)[1]))) {
        return;
      }
      failures.add(where(), `console ${msg.type()}: ${msg.text()}${loc.url ? ` (${shortUrl(loc.url)}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => failures.add(where(), `uncaught ${err.name}: ${err.message}`));
  page.on('requestfailed', (req) => {
    // Aborted: cancelled by the browser when the test moves on (a favicon
    // still loading after the load event), not refused by the site.
    if (req.failure()?.errorText !== 'net::ERR_ABORTED') {
      failures.add(where(), `request failed: ${shortUrl(req.url())} (${req.failure()?.errorText})`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && !expectStatus(res.url(), res.status())) {
      failures.add(where(), `HTTP ${res.status()} for ${shortUrl(res.url())}`);
    }
  });
}

/** A URL without its origin, for shorter messages. */
export function shortUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol.startsWith('http') ? u.pathname + u.search + u.hash : url;
  } catch {
    return url;
  }
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0, 2.1 and 2.2, levels A and AA (colour contrast included). */
const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the loaded page, in its current colour scheme, and adds
 * each violation, with the failing elements' selectors, to `failures`.
 */
export async function axe(page, failures, where) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_AA,
  );
  for (const v of result.violations) {
    for (const node of v.nodes) {
      const why = (node.failureSummary || '').replace(/\s+/g, ' ').trim();
      failures.add(where, `axe ${v.id} (${v.impact}): ${v.help} at ${node.target.join(' ')}\n      ${why}`);
    }
  }
}
