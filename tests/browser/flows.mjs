// What a reader does with the sample dossier (content/), in Chromium:
//   highlight        article → a highlight's claim link → the claim page's
//                    evidence for it → back to the highlight (#a-<id>, on
//                    screen); the browser's Back returns to the claim page
//   highlight-nojs   the same with JavaScript off
//   search           "Kupyansk" on the search page (and from the header's
//                    search box) reaches the Kupiansk actor; without
//                    JavaScript the page says so and links the indexes
//   matrix           the first row is a contested claim; a cell's link leads
//                    to its highlight; no sideways scrolling at 1280 and 375
//   keys             on an article, `n` focuses the first highlight, `n` the
//                    next, `p` the previous; with what Enter then opens,
//                    axe finds no violation in either colour scheme
// Every page visited must be free of console errors and failed requests.
//
// usage: node flows.mjs BASE [--only highlight,search,…]

import { axe, cli, context, Failures, launch, shortUrl, watch } from './lib.mjs';

/** Pages of the sample dossier that the flows start from. */
const ARTICLE = 'articles/russia-claims-30-percent-of-kupyansk/';
const KUPIANSK = 'actors/kupiansk/';

const FLOWS = {
  highlight: (b) => highlightRoundTrip(b, { javaScriptEnabled: true }),
  'highlight-nojs': (b) => highlightRoundTrip(b, { javaScriptEnabled: false }),
  search,
  matrix,
  keys,
};

const { base, only } = cli();
const names = only ?? Object.keys(FLOWS);
const failures = new Failures();
const browser = await launch();
for (const name of names) {
  if (!FLOWS[name]) {
    console.error(`flows.mjs: no flow “${name}”; flows: ${Object.keys(FLOWS).join(', ')}`);
    process.exit(2);
  }
  const ctxs = [];
  const open = async (options) => {
    const ctx = await context(browser, options);
    ctxs.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    watch(page, failures);
    return page;
  };
  try {
    await FLOWS[name](open);
  } catch (err) {
    failures.add(name, `${err.message.split('\n')[0]}`);
  }
  for (const ctx of ctxs) await ctx.close();
}
await browser.close();
failures.finish(`flows: ${names.join(', ')}: passed`);

/** Throws with `message` unless `ok`: a flow cannot go on after a wrong turn. */
function expect(ok, message) {
  if (!ok) throw new Error(message);
}

/** Is the element matching `selector` at least partly inside the viewport? */
async function onScreen(page, selector) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
  }, selector);
}

async function highlightRoundTrip(open, options) {
  const flow = options.javaScriptEnabled ? 'highlight' : 'highlight-nojs';
  const page = await open(options);
  await page.goto(base + ARTICLE);
  const article = new URL(page.url()).pathname;

  // The first highlight with its anchor, and the link to its claim that
  // goes with it: inside the mark, or the stance label right after it.
  const mark = await page.evaluate(() => {
    const m = document.querySelector('mark[data-annotation][id^="a-"]');
    if (!m) return null;
    const near = [...m.querySelectorAll('a[href]'), ...(m.nextElementSibling?.querySelectorAll('a[href]') ?? [])];
    if (m.nextElementSibling?.matches('a[href]')) near.unshift(m.nextElementSibling);
    const link = near.find((a) => /(^|\/)claims\/[^/]+\/$/.test(new URL(a.href).pathname));
    if (link) link.setAttribute('data-test-claim-link', '');
    return { key: m.dataset.annotation, id: m.id, claim: link ? new URL(link.href).pathname : null };
  });
  expect(mark, `${flow}: ${ARTICLE} has no highlight with an id`);
  expect(mark.claim, `${flow}: highlight ${mark.key} has no link to its claim next to it`);
  await Promise.all([page.waitForURL((u) => u.pathname === mark.claim), page.click('[data-test-claim-link]')]);

  // On the claim page: the evidence from this annotation, and its way back.
  const evidence = `[data-annotation="${mark.key}"]`;
  expect(await page.locator(evidence).count() === 1, `${flow}: ${shortUrl(page.url())} does not list ${mark.key} once`);
  const back = page.locator(`${evidence} a[href$="#${mark.id}"]`);
  expect(await back.count() >= 1, `${flow}: the evidence ${mark.key} has no link to #${mark.id}`);
  await back.first().scrollIntoViewIfNeeded();
  await Promise.all([page.waitForURL((u) => u.pathname === article && u.hash === `#${mark.id}`), back.first().click()]);

  // Back on the article, at the highlight.
  await page.waitForFunction((id) => document.getElementById(id) !== null, mark.id);
  expect(await onScreen(page, `#${mark.id}`), `${flow}: landed on ${shortUrl(page.url())} but #${mark.id} is not on screen`);
  expect(await page.evaluate((id) => document.getElementById(id).matches(':target'), mark.id), `${flow}: #${mark.id} is not the :target`);

  await page.goBack();
  expect(new URL(page.url()).pathname === mark.claim, `${flow}: Back went to ${shortUrl(page.url())}, not ${mark.claim}`);
}

async function search(open) {
  const page = await open();
  // From the search page itself.
  const res = await page.goto(base + 'search/');
  expect(res?.ok(), `search: search/ answers HTTP ${res?.status()}`);
  await page.fill('#search-q', 'Kupyansk');
  await page.press('#search-q', 'Enter');
  await reachKupiansk(page, 'search page');

  // From the search box in the site header, on another page.
  await page.goto(base + ARTICLE);
  const header = page.locator('header input[name="q"]');
  expect(await header.count() === 1, 'search: the site header has no search box (input name="q")');
  await header.fill('Kupyansk');
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith('/search/')), header.press('Enter')]);
  expect(new URL(page.url()).searchParams.get('q') === 'Kupyansk', `search: the header form went to ${shortUrl(page.url())}`);
  await reachKupiansk(page, 'header search');

  // Without JavaScript the page says search needs it, and links the indexes.
  const plain = await open({ javaScriptEnabled: false });
  await plain.goto(base + 'search/?q=Kupyansk');
  const text = await plain.locator('main').innerText();
  expect(/JavaScript/i.test(text), 'search (no JS): the page does not say that search needs JavaScript');
  for (const index of ['articles/', 'claims/', 'actors/']) {
    const n = await plain.locator(`main a[href$="${index}"]`).count();
    expect(n > 0, `search (no JS): no link to ${index} in the page`);
  }
}

async function reachKupiansk(page, where) {
  // The actor's result, however the script writes its link (relative,
  // absolute, with or without index.html), once the results show it.
  const found = await page
    .waitForFunction(
      (actor) => {
        for (const a of document.querySelectorAll('#search-results .search-result[data-kind="actor"] a[href]')) {
          const path = new URL(a.href, location.href).pathname.replace(/index\.html$/, '');
          if (path.endsWith('/' + actor)) {
            a.setAttribute('data-test-hit', '');
            return true;
          }
        }
        return false;
      },
      KUPIANSK,
      { timeout: 10_000 },
    )
    .then(() => true, () => false);
  const status = await page.locator('#search-status').innerText().catch(() => '(no #search-status)');
  expect(found, `search (${where}): no result links the Kupiansk actor; status: “${status.trim()}”`);
  await Promise.all([
    page.waitForURL((u) => u.pathname.replace(/index\.html$/, '').endsWith('/' + KUPIANSK)),
    page.click('[data-test-hit]'),
  ]);
  const h1 = (await page.locator('h1').innerText()).trim();
  expect(h1 === 'Kupiansk', `search (${where}): landed on a page titled “${h1}”`);
}

async function matrix(open) {
  const page = await open();
  const res = await page.goto(base + 'matrix/');
  expect(res?.ok(), `matrix: matrix/ answers HTTP ${res?.status()}`);
  await noSidewaysScroll(page, 'matrix (1280 px)');

  const first = await page.evaluate(() => {
    // The first cell in document order is in the first row.
    const cell = document.querySelector('td[data-claim]');
    const link = cell?.closest('tr').querySelector('td[data-claim] a[data-annotation][href]');
    if (link) link.setAttribute('data-test-cell-link', '');
    return cell && {
      claim: cell.dataset.claim,
      key: link?.dataset.annotation,
      stance: link?.dataset.stance,
      text: link?.innerText,
      href: link && new URL(link.href).pathname + new URL(link.href).hash,
    };
  });
  expect(first, 'matrix: no cell td[data-claim]');
  expect(first.key, `matrix: the row of ${first.claim} has no link a[data-annotation]`);
  expect(new RegExp(`\\b${first.stance}\\b`, 'i').test(first.text), `matrix: the link ${first.key} shows “${first.text}”, not its stance “${first.stance}” in words`);

  // The first row is a contested claim (as the claims index marks it).
  const claims = await open();
  await claims.goto(base + 'claims/');
  const contested = await claims.locator(`[data-claim="${first.claim}"][data-contested]`).count();
  expect(contested > 0, `matrix: the first row is ${first.claim}, which is not contested`);

  const [article, ann] = first.key.split('/');
  await Promise.all([
    page.waitForURL((u) => u.pathname.endsWith(`/articles/${article}/`) && u.hash === `#a-${ann}`),
    page.click('[data-test-cell-link]'),
  ]);
  expect(await onScreen(page, `#a-${ann}`), `matrix: landed on ${shortUrl(page.url())} but the highlight is not on screen`);

  const narrow = await open({ width: 375, height: 740 });
  await narrow.goto(base + 'matrix/');
  await noSidewaysScroll(narrow, 'matrix (375 px)');
}

async function noSidewaysScroll(page, where) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(scroll <= inner, `${where}: the page scrolls sideways (${scroll} px wide in a ${inner} px window)`);
}

async function keys(open) {
  const page = await open();
  await page.goto(base + ARTICLE);
  const marks = await page.evaluate(() => {
    const seen = [];
    for (const m of document.querySelectorAll('mark[data-annotation]')) {
      if (!seen.includes(m.dataset.annotation)) seen.push(m.dataset.annotation);
    }
    return seen;
  });
  expect(marks.length >= 2, `keys: ${ARTICLE} has fewer than 2 highlights`);
  const focused = () =>
    page.evaluate(() => document.activeElement?.closest('[data-annotation]')?.dataset.annotation ?? null);
  const steps = [['n', marks[0]], ['n', marks[1]], ['p', marks[0]]];
  const pressed = [];
  for (const [key, want] of steps) {
    await page.keyboard.press(key);
    pressed.push(key);
    const got = await focused();
    expect(got === want, `keys: after ${pressed.join(' ')}, focus is on ${got ?? shortUrl(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? 'nothing'))}, not the highlight ${want}`);
    const visible = await page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
    });
    expect(visible, `keys: the focused highlight ${want} is not on screen`);
  }
  // What the keys opened (a highlight's card) is as accessible as the page.
  await page.keyboard.press('Enter');
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    await axe(page, failures, `keys: ${ARTICLE} after n n p Enter (${colorScheme})`);
  }
  await page.keyboard.press('Escape');
}
