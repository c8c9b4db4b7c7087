// The light programs: prerendered embeds and indicator pages hydrate from the model the build
// writes beside them, with a program of their own, without the site's data files; a view the
// model does not hold is drawn by the full app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { serve, launch, openPage, axe, DIST } from './harness.mjs';

let browser, dashboard;
before(async () => { browser = await launch(); dashboard = await serve(DIST, '/dashboard/'); });
after(async () => { await browser?.close(); await dashboard?.close(); });

// The light programs' budget: WebAssembly + JS, gzip (the "first paint" issue's 180 KB).
const LIGHT_BUDGET_GZIP = 180 * 1024;

/** Opens `rel` cold, recording every request; returns the page, its problems and requests. */
async function open(rel, viewport = { width: 900, height: 900 }) {
  const { page, problems } = await openPage(browser, 'about:blank', viewport);
  const requests = [];
  page.on('request', (r) => requests.push(r.url().slice(dashboard.url.length)));
  await page.goto(dashboard.url + rel);
  await page.waitForSelector('html[data-dashboard="ready"] main h1', { timeout: 20000 });
  await page.waitForLoadState('networkidle');
  return { page, problems, requests };
}

/** The program a page loaded (its .js and .wasm) and its size, gzip at level 9. */
async function program(requests, folder) {
  const files = requests.filter((u) => /\.(js|wasm)$/.test(u));
  assert.ok(files.includes(`${folder}/safeguarding-dashboard_bg.wasm`), `the ${folder} program: ${files}`);
  assert.ok(!files.includes('safeguarding-dashboard_bg.wasm'), 'not the full program');
  let gz = 0;
  for (const u of files) gz += gzipSync(await readFile(path.join(DIST, u)), { level: 9 }).length;
  console.log(`# ${folder} program: ${files.join(' + ')} = ${gz} bytes gzip (budget ${LIGHT_BUDGET_GZIP})`);
  return gz;
}

test(`a prerendered embed loads its light program (within ${LIGHT_BUDGET_GZIP / 1024} KB gzip) and its model, no data file; other views go to the full app`, async () => {
  const { page, problems, requests } = await open('embed/cla-rate--cla_rate/E06000047/');
  assert.deepEqual(requests.filter((u) => u.startsWith('data/')), [], 'no data file is fetched');
  assert.ok(requests.includes('embed/cla-rate--cla_rate/E06000047/model.bin'), `the model is fetched: ${requests}`);
  const gz = await program(requests, 'light');
  assert.ok(gz <= LIGHT_BUDGET_GZIP, `${gz} bytes gzip exceeds ${LIGHT_BUDGET_GZIP}`);
  // Interactive from the model: tooltips, the table tab (in the embed's own history entry).
  const entries = await page.evaluate(() => history.length);
  await page.focus('#cla-rate--cla_rate .marks button');
  await page.waitForSelector('#cla-rate--cla_rate .tooltip .tooltip-main');
  await page.click('#cla-rate--cla_rate-tab-table');
  await page.waitForFunction(() => location.search.includes('table=cla-rate--cla_rate'));
  assert.ok(await page.isVisible('#cla-rate--cla_rate-panel-table'));
  assert.ok(page.url().includes('/embed/cla-rate--cla_rate/E06000047/'), 'the tab stays on the light page');
  // A view the model does not hold (England off) is drawn by the full app, in place of the embed.
  await page.uncheck('#cmp-E92000001');
  await page.waitForURL(/\/view\/\?page=embed%2Fcla-rate--cla_rate%2F&area=E06000047&cmp=/, { timeout: 20000 });
  await page.waitForSelector('html[data-dashboard="ready"] #cla-rate--cla_rate .chart svg', { state: 'attached', timeout: 30000 });
  assert.equal(await page.isChecked('#cmp-E92000001'), false, 'the control shows the view drawn');
  assert.ok(await page.isVisible('#cla-rate--cla_rate-panel-table'), 'the table tab is kept');
  const legend = await page.$eval('#cla-rate--cla_rate .chart svg', (s) => s.textContent);
  assert.ok(!legend.includes('England') && legend.includes('North East'), 'England is no longer drawn');
  assert.equal(await page.evaluate(() => history.length), entries, 'no entry added to the host page history');
  assert.deepEqual(problems, []);
  await page.close();
});

test(`an indicator page loads its light program (within ${LIGHT_BUDGET_GZIP / 1024} KB gzip) and its model; comparisons, tabs and Back work, other views go to the full app`, async () => {
  const C = '#cla-rate--cla_rate';
  const { page, problems, requests } = await open('looked-after/cla-rate--cla_rate/E06000047/');
  assert.deepEqual(requests.filter((u) => u.startsWith('data/')), [], 'no data file is fetched');
  assert.ok(requests.includes('looked-after/cla-rate--cla_rate/E06000047/model.bin'), `the model is fetched: ${requests}`);
  const gz = await program(requests, 'light-pages');
  assert.ok(gz <= LIGHT_BUDGET_GZIP, `${gz} bytes gzip exceeds ${LIGHT_BUDGET_GZIP}`);
  // The latest year beside the ten neighbours, then beside every authority, both drawn by the build.
  await page.click(`${C} .compare-latest summary`);
  await page.waitForSelector(`${C} .compare-view .chart-wide svg`);
  const near = await page.$$eval(`${C} .compare-view tbody th`, (r) => r.map((t) => t.textContent));
  assert.equal(near.length, 12, `the area, its ten neighbours and England: ${near}`);
  assert.ok(near.includes('County Durham (chosen)') && near.includes('England'));
  await page.click(`${C} .compare-switch button:has-text("All authorities")`);
  await page.waitForFunction((c) => document.querySelectorAll(`${c} .compare-view tbody tr`).length > 140, C);
  assert.equal(await page.$eval(`${C} .compare-switch button:has-text("All authorities")`, (b) => b.getAttribute('aria-pressed')), 'true');
  assert.deepEqual(await axe(page), []);
  // The table tab adds an entry to this page's history; Back shows the chart again.
  const entries = await page.evaluate(() => history.length);
  await page.click(`${C}-tab-table`);
  await page.waitForFunction(() => location.search.includes('table=cla-rate--cla_rate'));
  assert.ok(await page.isVisible(`${C}-panel-table`));
  assert.equal(await page.evaluate(() => history.length), entries + 1);
  // England off: a view the model does not hold, drawn by the full app at the page for any view.
  await page.uncheck('#cmp-E92000001');
  await page.waitForURL(/\/view\/\?page=looked-after%2Fcla-rate--cla_rate%2F&area=E06000047&cmp=/, { timeout: 20000 });
  await page.waitForSelector(`html[data-dashboard="ready"] ${C} .chart svg`, { state: 'attached', timeout: 30000 });
  assert.equal(await page.isChecked('#cmp-E92000001'), false, 'the control shows the view drawn');
  assert.ok(await page.isVisible(`${C}-panel-table`), 'the table tab is kept');
  const rows = await page.$$eval(`${C}-panel-table thead th`, (h) => h.map((t) => t.textContent));
  assert.ok(!rows.some((t) => t.startsWith('England')) && rows.some((t) => t.startsWith('North East')), `England is no longer drawn: ${rows}`);
  // Back: the light page again, as it was left.
  await page.goBack();
  await page.waitForSelector(`html[data-dashboard="ready"] ${C}-panel-table`, { timeout: 30000 });
  assert.ok(page.url().endsWith('looked-after/cla-rate--cla_rate/E06000047/?table=cla-rate--cla_rate'), page.url());
  assert.equal(await page.isChecked('#cmp-E92000001'), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test(`the home page, a theme overview and a scorecard load the lists program (within ${LIGHT_BUDGET_GZIP / 1024} KB gzip); the filter and the area control work; a page with nothing to do loads no program`, async () => {
  const { page, problems, requests } = await open('looked-after/E06000047/');
  assert.deepEqual(requests.filter((u) => u.startsWith('data/')), [], 'no data file is fetched');
  const gz = await program(requests, 'light-lists');
  assert.ok(gz <= LIGHT_BUDGET_GZIP, `${gz} bytes gzip exceeds ${LIGHT_BUDGET_GZIP}`);
  const rows = () => page.$$eval('.indicator-item', (r) => r.length);
  const all = await rows();
  assert.ok(all > 100, `the looked-after overview lists ${all} indicators`);
  await page.fill('#indicator-filter', 'adoption');
  await page.waitForFunction((n) => document.querySelectorAll('.indicator-item').length < n, all);
  // The filter reads each row's name, its group's title and its breakdowns.
  const names = await page.$$eval('.indicator-item', (h) => h.map((t) => `${t.querySelector('.indicator-name').textContent} | ${t.closest('.indicator-group').querySelector('.indicator-group-title').textContent} | ${t.textContent}`.toLowerCase()));
  assert.ok(names.length > 0 && names.every((n) => n.includes('adopt')), `rows matching "adoption": ${names.filter((n) => !n.includes('adopt')).slice(0, 5)}`);
  assert.ok(names.some((n) => n.split(' | ')[0].includes('adopt')), 'rows named for adoption among them');
  assert.match(await page.textContent('.filter-count'), new RegExp(`^${names.length} of ${all} indicators match$`));
  await page.fill('#indicator-filter', '');
  await page.waitForFunction((n) => document.querySelectorAll('.indicator-item').length === n, all);
  assert.deepEqual(await axe(page), []);
  // Another area: its own prerendered page, drawn by the same program.
  await page.selectOption('#area-select', 'E06000015');
  await page.waitForURL(/\/looked-after\/E06000015\/$/);
  await page.waitForSelector('html[data-dashboard="ready"] main h1');
  assert.match(await page.textContent('main .lede'), /Derby/);
  assert.deepEqual(problems, []);
  await page.close();
  const home = await open('');
  await program(home.requests, 'light-lists');
  assert.match(await home.page.textContent('main h1'), /County Durham/);
  await home.page.close();
  // A scorecard: drawn by the build (no data file), its older periods shown on request.
  const card = await open('scorecard/E06000047/');
  await program(card.requests, 'light-lists');
  assert.deepEqual(card.requests.filter((u) => u.startsWith('data/')), [], 'no data file is fetched');
  const old = '.scorecard-table thead th.sc-old';
  assert.ok(await card.page.$$eval(old, (t) => t.length) > 0 && !(await card.page.isVisible(old)), 'older periods fold away on screen');
  await card.page.click('.sc-columns button');
  await card.page.waitForFunction((o) => document.querySelector(o)?.offsetParent !== null, old);
  assert.equal(await card.page.getAttribute('.sc-columns button', 'aria-pressed'), 'true');
  assert.match(await card.page.textContent('.scorecard .print-only.sc-address'), /Printed from http:\/\/127\.0\.0\.1:\d+\/dashboard\/scorecard\/E06000047\//);
  assert.deepEqual(card.problems, []);
  await card.page.close();
  // Data and sources: every data file checked as it is on the host, by a program of its own.
  const data = await open('sources/');
  await program(data.requests, 'light-check');
  assert.ok(data.requests.filter((u) => u.startsWith('data/')).length > 50, 'it reads the data files');
  assert.ok(await data.page.$$eval('main table', (t) => t.length) > 0);
  assert.deepEqual(data.problems, []);
  await data.page.close();
  // The accessibility statement: nothing to do, so no program at all.
  const { page: sources, problems: p2 } = await openPage(browser, 'about:blank');
  const loaded = [];
  sources.on('request', (r) => loaded.push(r.url()));
  await sources.goto(dashboard.url + 'accessibility/');
  await sources.waitForSelector('html[data-dashboard="ready"] main h1');
  await sources.waitForLoadState('networkidle');
  assert.deepEqual(loaded.filter((u) => /\.(wasm|js)$/.test(u)), [], 'no program on a page with no controls');
  assert.deepEqual(p2, []);
  await sources.close();
});

test('the page for any view keeps drawing there: a toggle on it is one history entry on the same page', async () => {
  const C = '#cla-rate--cla_rate';
  const { page, problems } = await openPage(browser, dashboard.url + 'view/?page=looked-after%2Fcla-rate--cla_rate%2F&area=E06000047');
  await page.waitForSelector(`html[data-dashboard="ready"] ${C} .chart svg`, { timeout: 30000 });
  await page.evaluate(() => { window.__same = 'yes'; });
  const entries = await page.evaluate(() => history.length);
  await page.uncheck('#cmp-E92000001');
  await page.waitForFunction(() => location.search.includes('cmp='));
  assert.ok(page.url().includes('/view/?page='), page.url());
  assert.equal(await page.evaluate(() => window.__same), 'yes', 'drawn in place, not a new page');
  assert.equal(await page.evaluate(() => history.length), entries + 1);
  assert.deepEqual(problems, []);
  await page.close();
});
