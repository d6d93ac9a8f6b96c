// Every page of the site (from sitemap.xml), and the 404 page, in one
// browser with JavaScript on:
//  - no console error or warning, no uncaught exception, no failed request,
//    no HTTP error (but the 404 page's own status);
//  - stance is never shown by colour alone: every element that carries a
//    stance (`data-stance`, or a `stance-<word>` class) names it in words,
//    in its own text, in the label right after it (a highlight's tag, after
//    the highlight's last piece), or in
//    the text of a section whose items all share it (a claim's column, an
//    actor's position on a claim);
//  - with --axe, axe-core finds no WCAG 2.x A/AA violation on any page, in
//    light and in dark colour scheme.
//
// usage: node crawl.mjs BASE [--axe]

import { axe, cli, context, Failures, launch, shortUrl, sitemapPages, watch } from './lib.mjs';

const { base, words } = cli();
const withAxe = words.includes('--axe');
const failures = new Failures();
const pages = await sitemapPages(base);
const missing = new URL('no-such-page/deeper/', base).href;

const browser = await launch();
const ctx = await context(browser);
const page = await ctx.newPage();
watch(page, failures, { expectStatus: (url, status) => url === missing && status === 404 });

let stanced = 0;
let axeRuns = 0;
for (const url of [...pages, missing]) {
  const res = await page.goto(url, { waitUntil: 'load' });
  const where = shortUrl(url);
  if (url === missing) {
    failures.check(res?.status() === 404, where, `status ${res?.status()}, not 404`);
    failures.check((await page.title()).length > 0, where, '404 page has no title');
  } else {
    failures.check(res?.ok(), where, `HTTP ${res?.status()}`);
  }
  const result = await page.evaluate(stanceInWords);
  stanced += result.checked;
  for (const u of result.unnamed) failures.add(where, `stance “${u.stance}” shown by colour only on ${u.what}`);
  if (withAxe) {
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await axe(page, failures, `${where} (${colorScheme})`);
      axeRuns++;
    }
  }
}
await browser.close();

failures.finish(
  `crawl: ${pages.length + 1} pages without console errors or failed requests; ${stanced} stance marks named in words` +
    (withAxe ? `; ${axeRuns} axe runs without violation` : ''),
);

/** Runs in the page: every visible stance-bearing element names its stance. */
function stanceInWords() {
  const STANCES = ['supports', 'disputes', 'context'];
  const stanceOf = (el) => {
    const s = el.getAttribute('data-stance');
    if (STANCES.includes(s)) return s;
    const cls = [...el.classList].map((c) => c.replace(/^stance-/, '')).find((c) => STANCES.includes(c));
    return cls && el.classList.contains(`stance-${cls}`) ? cls : null;
  };
  const words = (text) => STANCES.filter((s) => new RegExp(`\\b${s}\\b`, 'i').test(text || ''));
  // The one stance a section states for all of its items, in its own text
  // (heading, "Its stance: ✓ supports"), not counting the items themselves.
  const sectionStance = (el) => {
    const section = el.closest('section');
    if (!section) return null;
    const copy = section.cloneNode(true);
    for (const inner of copy.querySelectorAll('section, [data-stance], .evidence, blockquote, .note')) inner.remove();
    const w = words(copy.textContent);
    return w.length === 1 ? w[0] : null;
  };
  let checked = 0;
  const unnamed = [];
  for (const el of document.querySelectorAll('[data-stance], [class*="stance-"]')) {
    const stance = stanceOf(el);
    if (!stance || !el.checkVisibility()) continue;
    checked++;
    const own = words(el.innerText || el.getAttribute('aria-label'));
    // A highlight split in pieces (across emphasis, cells, paragraphs) is
    // labelled once, after its last piece.
    const key = el.localName === 'mark' && el.getAttribute('data-annotation');
    const pieces = key ? document.querySelectorAll(`mark[data-annotation="${CSS.escape(key)}"]`) : [el];
    // The label may follow the highlights, links or emphasis that the last
    // piece ends together with.
    const INLINE = ['mark', 'a', 'em', 'strong', 'b', 'i', 'span', 'code', 's', 'u', 'small'];
    const endsParent = (n) => {
      for (let m = n.nextSibling; m; m = m.nextSibling) {
        if (m.nodeType !== Node.TEXT_NODE || m.textContent.trim() !== '') return false;
      }
      return true;
    };
    let last = pieces[pieces.length - 1];
    while (endsParent(last) && INLINE.includes(last.parentElement?.localName)) last = last.parentElement;
    // Highlights that end together are followed by their labels in a row.
    const labels = [];
    for (let n = last.nextSibling; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE && n.textContent.trim() === '') continue;
      if (n.nodeType !== Node.ELEMENT_NODE || n.localName === 'mark' || labels.length === 3) break;
      labels.push(n);
    }
    const next = labels.flatMap((l) => words(l.innerText));
    const named =
      own.includes(stance) ||
      next.includes(stance) ||
      sectionStance(el) === stance ||
      // An item that lists its own stance label among other text.
      [...el.querySelectorAll('.stance')].some((s) => words(s.innerText).includes(stance));
    if (!named) {
      const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      const key = el.getAttribute('data-annotation') ? `[data-annotation="${el.getAttribute('data-annotation')}"]` : '';
      unnamed.push({ stance, what: `${el.localName}${cls}${key} “${(el.innerText || '').trim().slice(0, 50)}”` });
    }
  }
  return { checked, unnamed };
}
