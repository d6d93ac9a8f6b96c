// Accessibility of the given pages, in light and in dark colour scheme:
//  - axe-core finds no WCAG 2.x A/AA violation (colour contrast included);
//  - Tab reaches the skip link first, and it shows on screen and works;
//  - Tab reaches every visible link and control, and each shows a visible
//    focus indicator while focused (every stop in light, the first 12 in
//    dark);
//  - at 375 px wide the page does not scroll sideways (WCAG 1.4.10 reflow).
//
// usage: node a11y.mjs BASE PATH…   (PATH relative to BASE: "", "claims/x/")

import { axe, cli, context, Failures, launch } from './lib.mjs';

const { base, words: paths } = cli();
if (paths.length === 0) {
  console.error('a11y.mjs: no page given');
  process.exit(2);
}
const failures = new Failures();
const browser = await launch();
let axeRuns = 0;
let tabs = 0;

for (const colorScheme of ['light', 'dark']) {
  const ctx = await context(browser, { colorScheme });
  const page = await ctx.newPage();
  for (const path of paths) {
    const where = `${path || '/'} (${colorScheme})`;
    const res = await page.goto(base + path);
    if (!failures.check(res && res.ok(), where, `HTTP ${res?.status()}`)) continue;
    await axe(page, failures, where);
    axeRuns++;
    // Walking every Tab stop is the slowest part of this script: once in
    // light; in dark, the first stops show that the focus style holds.
    tabs += await keyboard(page, base + path, where, colorScheme === 'light' ? Infinity : 12);
  }
  await ctx.close();
}

const narrow = await context(browser, { width: 375, height: 740 });
const page = await narrow.newPage();
for (const path of paths) {
  await page.goto(base + path);
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  failures.check(scroll <= inner, `${path || '/'} (375 px)`, `the page scrolls sideways: ${scroll} px wide in a ${inner} px window`);
}
await browser.close();

failures.finish(`a11y: ${paths.length} pages × 2 colour schemes: ${axeRuns} axe runs, ${tabs} Tab stops checked, no violation`);

/**
 * Tabs through the page (all of it, or `limit` stops). Returns the number
 * of stops. The first stop must be the skip link; every stop must be on
 * screen with a focus outline (or ring, or shadow) that differs from the
 * element's unfocused look. A full walk must reach every visible control.
 */
async function keyboard(page, url, where, limit) {
  await page.evaluate(() => {
    window.__seen = new Set();
  });
  let stops = 0;
  for (;;) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || window.__seen.has(el)) return null;
      window.__seen.add(el);
      const describe = (e) => {
        const id = e.id ? `#${e.id}` : '';
        const cls = e.classList.length ? `.${[...e.classList].join('.')}` : '';
        const href = e.getAttribute('href') ? `[href="${e.getAttribute('href')}"]` : '';
        return `${e.localName}${id}${cls}${href}`;
      };
      const ring = (s) => `${s.outlineStyle}|${s.outlineWidth}|${s.outlineColor}|${s.boxShadow}`;
      const visibleRing = (s) =>
        (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && !/rgba\(.*, 0\)$/.test(s.outlineColor)) ||
        s.boxShadow !== 'none';
      const focused = getComputedStyle(el);
      const focusedRing = ring(focused);
      const shows = visibleRing(focused);
      const r = el.getBoundingClientRect();
      const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
        r.top < window.innerHeight && r.left < window.innerWidth;
      // The same element unfocused must look different: a ring that is
      // always there does not tell where focus is.
      el.blur();
      const unfocusedRing = ring(getComputedStyle(el));
      el.focus({ preventScroll: true, focusVisible: true });
      return {
        what: describe(el),
        skip: el.matches('.skip-link, a[href="#main"]'),
        shows: shows && focusedRing !== unfocusedRing,
        onScreen,
        text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
      };
    });
    if (stop === null) break;
    stops++;
    if (stops === 1) failures.check(stop.skip, where, `the first Tab stop is ${stop.what}, not the skip link`);
    failures.check(stop.shows, where, `no visible focus indicator on ${stop.what} “${stop.text}”`);
    failures.check(stop.onScreen, where, `focused but not on screen: ${stop.what} “${stop.text}”`);
    if (stops >= limit) break;
    if (stops > 2000) {
      failures.add(where, 'more than 2000 Tab stops: focus never leaves the page');
      break;
    }
  }
  const missed = limit < Infinity ? [] : await page.evaluate(() => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
    return [...document.querySelectorAll(selector)]
      .filter((e) => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({ visibilityProperty: true }))
      .filter((e) => !e.closest('[inert]') && !window.__seen.has(e))
      .map((e) => `${e.localName}${e.getAttribute('href') ? `[href="${e.getAttribute('href')}"]` : ''} “${(e.innerText || '').trim().slice(0, 40)}”`);
  });
  for (const m of missed.slice(0, 10)) failures.add(where, `not reachable with Tab: ${m}`);
  if (missed.length > 10) failures.add(where, `… and ${missed.length - 10} more not reachable with Tab`);

  // The skip link works: Enter moves to the main content.
  await page.goto(url);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const hash = await page.evaluate(() => location.hash);
  failures.check(hash === '#main', where, `Enter on the skip link leads to “${hash}”, not #main`);
  return stops;
}
