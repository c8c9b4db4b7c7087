// With JavaScript disabled, a crawl from the home pages of the partnerships' areas reaches
// every page the build prerendered, and each shows its charts (SVG), their tables, sources
// and links (the crawl reads the HTML as served; a sample of every kind of page is looked
// at in Chromium with JavaScript off); with JavaScript the same pages are hydrated without
// redrawing what is there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, openPage, DIST } from './harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Every index.html the build wrote with a view in it (not the pages drawn in the browser). */
async function prerendered(dir = DIST, rel = '') {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || (rel === '' && e.name === 'data')) continue;
    const sub = path.join(dir, e.name);
    const file = path.join(sub, 'index.html');
    try {
      if ((await stat(file)).isFile() && (await readFile(file, 'utf8')).includes('name="dashboard-view"')) out.push(`${rel}${e.name}/`);
    } catch { /* a folder without a page */ }
    out.push(...await prerendered(sub, `${rel}${e.name}/`));
  }
  return out;
}

/** The chart cards of a page's HTML as served: id, drawn marks, table rows and source. */
function cardsOf(html) {
  return [...html.matchAll(/<article ([^>]*class="chart-card"[^>]*)>([\s\S]*?)<\/article>/g)].map(([, attrs, body]) => {
    const id = attrs.match(/\bid="([^"]+)"/)?.[1] ?? '';
    const svg = body.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? '';
    const table = body.match(/class="table-panel"[\s\S]*?<\/table>/)?.[0] ?? '';
    return {
      id,
      marks: (svg.match(/<(path|line|polyline|rect|circle)\b/g) ?? []).length,
      rows: (table.match(/<tbody[\s\S]*?<\/tbody>/)?.[0].match(/<tr\b/g) ?? []).length,
      source: (body.match(/<p class="chart-source">([\s\S]*?)<\/p>/)?.[1] ?? '').replace(/<[^>]*>/g, '').trim(),
    };
  });
}

test('with JavaScript disabled, a crawl from the areas\' home pages reaches every prerendered page, each chart with its SVG, table and source', async () => {
  const pages = new Set(['', ...(await prerendered())]);
  const site = JSON.parse(await readFile(path.join(DIST, 'data', 'site.json'), 'utf8'));
  const base = new URL(server.url);
  const queue = ['', ...site.areas.map((a) => `${a.code}/`)];
  const seen = new Set(queue);
  const problems = [];
  let charts = 0, rows = 0;
  const ids = new Set();
  // The page as a browser without JavaScript gets it: the HTML, nothing run.
  while (queue.length) {
    const rel = queue.shift();
    const res = await fetch(new URL(rel, base));
    if (res.status !== 200) { problems.push(`${rel}: HTTP ${res.status}`); continue; }
    const html = await res.text();
    if (!/<main[^>]*>[\s\S]*?<h1/.test(html)) problems.push(`${rel}: no heading`);
    for (const c of cardsOf(html)) {
      charts++; rows += c.rows; ids.add(c.id);
      if (c.marks < 1) problems.push(`${rel}: ${c.id} has no drawn SVG`);
      if (c.rows === 0) problems.push(`${rel}: ${c.id} has no table rows`);
      if (c.source.length < 10) problems.push(`${rel}: ${c.id} names no source`);
    }
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"#]+)"/g)) {
      const u = new URL(href.replace(/&amp;/g, '&'), new URL(rel, base));
      if (u.origin !== base.origin || u.search) continue;
      const next = decodeURIComponent(u.pathname.slice(base.pathname.length));
      if (next.startsWith('data/') || !pages.has(next) || seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  const missed = [...pages].filter((p) => !seen.has(p));
  console.log(`# no-JS crawl: ${seen.size} of ${pages.size} prerendered pages reached by links, ${charts} charts (${ids.size} different), ${rows} table rows`);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  assert.deepEqual(missed.slice(0, 20), [], `${missed.length} prerendered pages no link reaches`);
  assert.ok(charts > 1000, `${charts} charts`);
});

test('with JavaScript disabled in Chromium, pages of every kind show their charts and tables, not their script-only controls', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const all = await prerendered();
  // Every kind of page for each area, and a spread of the rest.
  const kinds = new Map();
  for (const p of all) kinds.set(p.replace(/[^/]+\/(?=[A-Z][^/]*\/$)/, '*/').replace(/^(looked-after|children-in-need|child-protection|training|child-deaths|context|partnership-activity)\/[^/]+--[^/]+\//, '$1/*/'), p);
  const sample = [...new Set([...kinds.values(), ...all.filter((_, i) => i % 251 === 0)])];
  let checked = 0;
  for (const rel of sample) {
    await page.goto(server.url + rel, { waitUntil: 'load' });
    const r = await page.evaluate(() => [...document.querySelectorAll('.chart-card')].map((c) => ({
      id: c.id,
      chart: (c.querySelector('.chart svg')?.getBoundingClientRect().height ?? 0) > 50,
      table: (c.querySelector('.table-panel table')?.getBoundingClientRect().height ?? 0) > 20,
      tabs: (c.querySelector('.tabs')?.getBoundingClientRect().height ?? 0) > 0,
    })));
    for (const c of r) {
      checked++;
      if (!c.chart || !c.table) problems.push(`${rel}: ${c.id} chart ${c.chart}, table ${c.table}`);
      if (c.tabs) problems.push(`${rel}: ${c.id} shows tabs that need a script`);
    }
    const controls = await page.$$eval('.controls', (cs) => cs.filter((c) => c.getBoundingClientRect().height > 0).length);
    if (controls) problems.push(`${rel}: shows controls that need a script`);
  }
  await context.close();
  console.log(`# no-JS in Chromium: ${sample.length} pages, ${checked} charts seen with their tables`);
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  assert.ok(checked > 50);
});

test('with JavaScript the prerendered chart is kept, not drawn again, and the page does not shift', async () => {
  const { page, problems } = await openPage(browser, server.url + 'looked-after/cla-rate--cla_rate/E06000047/', { width: 1280, height: 900 });
  // Marks a prerendered node, then waits for the page to become interactive.
  await page.waitForSelector('#cla-rate--cla_rate .chart svg');
  await page.evaluate(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
    document.querySelector('#cla-rate--cla_rate .chart svg').dataset.prerendered = 'yes';
  });
  await page.waitForSelector('html[data-dashboard="ready"]', { timeout: 20000 });
  await page.waitForTimeout(500);
  assert.equal(await page.$eval('#cla-rate--cla_rate .chart svg', (s) => s.dataset.prerendered), 'yes', 'the same SVG element, not a new one');
  assert.ok(await page.$$eval('#cla-rate--cla_rate .marks button', (b) => b.length) > 10, 'its data points became focusable');
  const shift = await page.evaluate(() => window.__shift);
  console.log(`# layout shift while hydrating at 1280 px: ${shift.toFixed(4)}`);
  assert.ok(shift < 0.01, `cumulative layout shift ${shift}`);
  // England off: drawn by the full app, at the page that draws any view.
  await page.click('#cmp-E92000001');
  await page.waitForURL(/\/view\/.*cmp=/, { timeout: 20000 });
  await page.waitForSelector('html[data-dashboard="ready"] #cla-rate--cla_rate .chart svg', { timeout: 30000 });
  assert.ok(!(await page.$eval('#cla-rate--cla_rate .chart svg', (s) => s.textContent)).includes('England'), 'the controls work once hydrated');
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone the prerendered chart is drawn for its width: no layout shift when the page is hydrated', async () => {
  for (const rel of ['looked-after/cla-rate--cla_rate/E06000047/', 'embed/cla-rate--cla_rate/E06000047/']) {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__shift = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(server.url + rel, { waitUntil: 'domcontentloaded' });
    // The chart on screen while the program starts, as for a reader who scrolled to it.
    await page.evaluate(() => document.querySelector('.chart-card').scrollIntoView());
    await page.waitForSelector('html[data-dashboard="ready"]', { timeout: 20000 });
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => window.__shift);
    const svg = await page.$eval('.chart-card .chart svg', (s) => Number(s.getAttribute('width')));
    console.log(`# layout shift while hydrating at 375 px, ${rel}: ${shift.toFixed(4)} (chart drawn at ${svg} px)`);
    assert.ok(shift < 0.01, `cumulative layout shift ${shift} on ${rel}`);
    assert.ok(svg < 400, `drawn for the phone's frame once measured (${svg} px)`);
    await context.close();
  }
});
