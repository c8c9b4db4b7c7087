// Every page and interaction of the dashboard, in Chromium against the built dist/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, openPage, axe, screenshot, parseCsv, groupThousands, DIST } from './harness.mjs';

const ROUTES = [
  ['home', '#/'],
  ['children-in-need', '#/children-in-need?area=E06000015'],
  ['child-protection', '#/child-protection?area=E06000015'],
  ['looked-after', '#/looked-after?area=E06000047'],
  ['training', '#/training?area=E06000015'],
  ['child-deaths', '#/child-deaths?area=E06000015'],
  ['context', '#/context?area=E06000015'],
  ['partnership-activity', '#/partnership-activity?area=E06000015'],
  ['scorecard', '#/scorecard?area=E06000047'],
  ['data', '#/data'],
  ['accessibility', '#/accessibility'],
];
const CLA = '#cla-rate--cla_rate';
const CLA_PAGE = '#/looked-after/cla-rate--cla_rate?area=E06000047';

let browser, server;
before(async () => { browser = await launch(); server = await serve(DIST, '/'); });
after(async () => { await browser?.close(); await server?.close(); });

async function ready(page) {
  await page.waitForSelector('html[data-dashboard="ready"] main h1', { timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector('[role=status]'), null, { timeout: 20000 });
  await page.waitForLoadState('networkidle');
}

async function tableOf(page, id) {
  return page.$$eval(`${id} tbody tr`, (trs) => trs.map((tr) => [tr.querySelector('th').textContent.trim(), ...[...tr.querySelectorAll('td.num')].map((td) => td.textContent.trim())]));
}

async function headersOf(page, id) {
  return page.$$eval(`${id} thead th`, (ths) => ths.map((th) => th.textContent.trim()));
}

const THEMES = ['children-in-need', 'child-protection', 'looked-after', 'training', 'child-deaths', 'context', 'partnership-activity'];

for (const [name, hash] of ROUTES) {
  test(`${name}: renders every chart, no errors, axe-core clean at 375 and 1280, screenshots`, async () => {
    for (const width of [1280, 375]) {
      const { page, problems } = await openPage(browser, server.url + hash, { width, height: 900 });
      await ready(page);
      const cards = await page.$$eval('.chart-card', (cs) => cs.map((c) => ({
        id: c.id, svg: !!c.querySelector('.chart svg'), rows: c.querySelectorAll('tbody tr').length,
        named: (c.querySelector('.chart')?.getAttribute('aria-label') ?? '').length,
      })));
      if (THEMES.includes(name)) {
        // An overview: a row per indicator, each linking to its own page of this theme.
        const items = await page.$$eval('.indicator-item', (is) => is.map((i) => ({ href: i.querySelector('.indicator-name a')?.getAttribute('href') ?? '', text: i.textContent })));
        assert.ok(items.length > 0, 'the overview lists indicators');
        for (const i of items) assert.match(i.href, new RegExp(`^(\\.\\./)*${name}/[^?/]+/`), `an indicator links to its page: ${i.href}`);
        assert.equal(cards.length, 0, 'no full charts on the overview');
        // Every indicator is a click away from a group heading near the top.
        const last = await page.$$eval('.indicator-group > summary', (ss) => Math.max(...ss.map((s) => s.getBoundingClientRect().top + window.scrollY)));
        console.log(`# ${name} at ${width}px: ${items.length} indicators shown, last group heading at ${Math.round(last)} px, page ${await page.evaluate(() => document.documentElement.scrollHeight)} px`);
        assert.ok(last <= (width === 1280 ? 6 : 12) * 900, `the last group heading is within a few screens (${Math.round(last)} px)`);
      }
      for (const c of cards) {
        assert.ok(c.svg, `${c.id} draws an SVG`);
        assert.ok(c.rows > 0, `${c.id} has table rows`);
        assert.ok(c.named > 0 && c.named <= 220, `${c.id} has a description of at most 220 characters`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at ${width}px (${overflow}px)`);
      const violations = await axe(page);
      assert.deepEqual(violations, [], `axe-core on ${name} at ${width}px`);
      const tall = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width, height: Math.min(tall, 2400) });
      await screenshot(page, `${name}-${width}`);
      assert.deepEqual(problems, [], 'no console errors or failed requests');
      await page.close();
    }
  });
}

for (const theme of THEMES) {
  test(`${theme}: the first indicators of the overview open their own page with every chart, table and source; axe-core clean at 375 and 1280`, async () => {
    const area = theme === 'looked-after' ? 'E06000047' : 'E06000015';
    const { page, problems } = await openPage(browser, `${server.url}#/${theme}?area=${area}`, { width: 1280, height: 900 });
    await ready(page);
    const links = await page.$$eval('.indicator-item .indicator-name a', (as) => as.slice(0, 3).map((a) => [a.href, a.textContent]));
    assert.ok(links.length > 0);
    for (const [i, [href, label]] of links.entries()) {
      await page.goto(href);
      await ready(page);
      assert.equal((await page.textContent('main h1')).split(':')[0].trim(), label.split(':')[0].trim(), 'the page is the indicator linked');
      assert.match(await page.title(), new RegExp(label.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      const cards = await page.$$eval('.chart-card', (cs) => cs.map((c) => ({ svg: !!c.querySelector('.chart svg'), rows: c.querySelectorAll('tbody tr').length, source: c.querySelector('.chart-source')?.textContent ?? '' })));
      assert.ok(cards.length > 0 && cards.every((c) => c.svg && c.rows > 0 && c.source.length > 10), `${href}: each chart has its SVG, table rows and source`);
      assert.equal(await page.locator('.breadcrumbs a', { hasText: 'Home' }).count(), 1);
      for (const width of (i === 0 ? [1280, 375] : [1280])) {
        await page.setViewportSize({ width, height: 900 });
        assert.deepEqual(await axe(page), [], `axe-core on ${href} at ${width}px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `no sideways scrolling at ${width}px (${overflow}px)`);
      }
      if (i === 0) await screenshot(page, `${theme}-indicator-1280`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('child deaths table values equal the data file; suppressed values show as suppressed', async () => {
  const { page } = await openPage(browser, server.url + '#/child-deaths/child-deaths-contributory-factors--cases_with_factor_5yr--by-contributory-factor?area=E06000015');
  await ready(page);
  const id = '#child-deaths-contributory-factors--cases_with_factor_5yr--by-contributory-factor';
  const rows = await tableOf(page, id);
  const csv = parseCsv(await readFile(path.join(DIST, 'data', 'child-deaths-contributory-factors.csv'), 'utf8'));
  const expected = new Map(csv.filter((r) => r.contributory_factor !== 'Total' && r.cases_with_factor_5yr)
    .map((r) => [r.contributory_factor, r.cases_with_factor_5yr === 'c' ? 'suppressed (c)' : groupThousands(r.cases_with_factor_5yr)]));
  assert.equal(rows.length, expected.size);
  for (const [factor, cell] of rows) assert.equal(cell.replace(/ \(.*\)$/, '').replace(/^suppressed$/, 'suppressed (c)'), expected.get(factor), factor);
  assert.ok(rows.some(([, c]) => c === 'suppressed (c)'), 'a suppressed cell is shown as suppressed');
  const svgText = await page.$eval(`${id} .chart svg`, (s) => s.textContent);
  assert.match(svgText, /suppressed \(c\)/, 'the chart marks the suppressed value instead of drawing a bar');
  await page.close();
});

test('category bars: Derby beside England and comparator average, equal to the CSV', async () => {
  const { page } = await openPage(browser, server.url + '#/child-protection/cp-categories--cp_category_pct--by-category-of-abuse?area=E06000015');
  await ready(page);
  const id = '#cp-categories--cp_category_pct--by-category-of-abuse';
  // Derby's latest figures beside the latest year England and the comparator average are published.
  assert.deepEqual((await headersOf(page, id)).slice(1), ['Derby, 2021-22', 'Derby, 2017-18', 'England, 2017-18', 'Derby comparator authorities (average), 2017-18']);
  const csv = parseCsv(await readFile(path.join(DIST, 'data', 'cp-categories.csv'), 'utf8'));
  const level = { E06000015: 'Local authority', E92000001: 'National', 'SN-E06000015': 'Comparator group' };
  const code = (r) => (r.geographic_level === 'National' ? 'E92000001' : r.new_la_code || r.comparator_code);
  const cell = (category, c, period) => {
    const r = csv.find((x) => x.category_of_abuse === category && code(x) === c && x.geographic_level === level[c] && x.time_period === period);
    return r && r.cp_category_pct ? `${r.cp_category_pct}%` : 'no data';
  };
  const rows = await tableOf(page, id);
  assert.ok(rows.length >= 4);
  for (const [category, d22, d18, england, sn] of rows) {
    assert.equal(d22, cell(category, 'E06000015', '202122'), category);
    assert.equal(d18, cell(category, 'E06000015', '201718'), category);
    assert.equal(england, cell(category, 'E92000001', '201718'), category);
    assert.equal(sn, cell(category, 'SN-E06000015', '201718'), category);
  }
  await page.close();
});

test('comparator toggle, area and range update chart, table and URL; reload restores the view', async () => {
  const { page, problems } = await openPage(browser, server.url + CLA_PAGE);
  await ready(page);
  assert.deepEqual((await headersOf(page, CLA)).slice(2), ['County Durham', 'England', 'North East', 'Statistical neighbours (median, our calculation)']);
  // England off: a view the page's model does not hold, drawn by the full app (view/).
  await page.uncheck('#cmp-E92000001');
  await page.waitForURL(/\/view\/\?page=looked-after%2Fcla-rate--cla_rate%2F&area=E06000047&cmp=/, { timeout: 20000 });
  await ready(page);
  assert.match(page.url(), /cmp=E12000001(%2C|,)SN-E06000047(%2C|,)SNM-E06000047/);
  assert.deepEqual((await headersOf(page, CLA)).slice(2), ['County Durham', 'North East', 'Statistical neighbours (median, our calculation)']);
  assert.ok(!(await page.$eval(`${CLA} .chart svg`, (s) => s.textContent)).includes('England'), 'legend drops England');

  await page.selectOption('#from-year', '2020');
  await page.waitForFunction(() => location.href.includes('from=2020'));
  assert.deepEqual((await tableOf(page, CLA)).map((r) => r[0]), ['2020-21', '2021-22', 'Q2 2022-23', '2022-23', '2023-24', '2024-25']);

  await page.click(`${CLA}-tab-table`);
  await page.waitForFunction(() => location.href.includes('table='));
  const url = page.url();
  await page.reload();
  await ready(page);
  assert.equal(page.url(), url);
  assert.equal(await page.isChecked('#cmp-E92000001'), false, 'England stays off after reload');
  assert.equal(await page.$eval('#from-year', (s) => s.value), '2020');
  assert.equal(await page.$eval(`${CLA}-tab-table`, (t) => t.getAttribute('aria-selected')), 'true');
  assert.ok(await page.isVisible(`${CLA}-panel-table`), 'table view restored');
  assert.deepEqual((await tableOf(page, CLA)).map((r) => r[0]), ['2020-21', '2021-22', 'Q2 2022-23', '2022-23', '2023-24', '2024-25']);

  await page.selectOption('#area-select', 'E06000015');
  // Derby, with the years chosen: drawn by the full app from Derby's slices of the official files.
  await page.waitForURL(/\/view\/\?page=looked-after%2Fcla-rate--cla_rate%2F&area=E06000015&from=2020/);
  await ready(page);
  await page.waitForFunction((id) => [...document.querySelectorAll(`${id} tbody tr`)].some((tr) => tr.textContent.includes('conflicting source: 105')), CLA, { timeout: 20000 });
  const derby = await tableOf(page, CLA);
  const derby2122 = derby.find((r) => r[0] === '2021-22')?.[1] ?? '';
  assert.ok(derby2122.startsWith('107 (627') && derby2122.includes('conflicting source: 105'), `Derby 2021-22 rate: DfE's 107 drawn, the report's 105 kept (${derby2122})`);
  assert.ok(!page.url().includes('cmp='), 'a new area starts with all of its comparators');
  assert.deepEqual(problems, []);
  await page.close();
});

test('downloads: CSV rows of the current view with sources, a valid SVG and PNG', async () => {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + CLA_PAGE);
  await ready(page);
  const get = async (label) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(`${CLA} button:has-text("${label}")`)]);
    return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
  };
  const csv = await get('Download CSV');
  assert.equal(csv.name, 'cla-rate--cla_rate--E06000047.csv', 'the file is named for its chart and area');
  const rows = parseCsv(csv.bytes.toString('utf8'));
  const q2 = rows.find((r) => r.place === 'County Durham' && r.period === 'Q2 2022-23');
  assert.equal(q2.value, '100.7');
  assert.equal(q2.numerator, '1027');
  assert.equal(q2.snapshot_date, '2022-09-30');
  assert.match(q2.source, /Durham County Council Corporate Parenting Panel papers/);
  assert.match(q2.source_location, /Performance Management Framework scorecard/);
  assert.equal(rows.filter((r) => r.place === 'England').length, 5, "England: DfE's five years (the report's 2021-22 figure agrees and is drawn once)");
  const dfe = rows.find((r) => r.place === 'County Durham' && r.period === '2024-25');
  assert.equal(dfe.value, '118');
  assert.match(dfe.source, /Department for Education/);

  const svg = await get('Download SVG');
  const text = svg.bytes.toString('utf8');
  assert.match(text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /<title>Children looked after per 10,000 children under 18: County Durham<\/title>/);
  assert.match(text, /Source: Durham County Council/);
  const parsed = await page.evaluate((t) => new DOMParser().parseFromString(t, 'image/svg+xml').querySelector('parsererror') === null, text);
  assert.ok(parsed, 'SVG parses as XML');

  const png = await get('Download PNG');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.bytes.length > 5000);
  await page.close();
});

test('keyboard only: Tab reaches every control, arrow keys reach every data point with a tooltip', async () => {
  const { page } = await openPage(browser, server.url + CLA_PAGE);
  await ready(page);
  const seen = new Set();
  let reachedMark = null;
  for (let i = 0; i < 60 && !reachedMark; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      return { id: e.id, tag: e.tagName, text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 60), mark: e.classList.contains('mark'), card: e.closest('.chart-card')?.id };
    });
    seen.add(f.id || f.text);
    if (f.mark && f.card === 'cla-rate--cla_rate') reachedMark = f;
  }
  for (const control of ['area-select', 'area-find', 'cmp-E92000001', 'cmp-E12000001', 'cmp-SN-E06000047', 'cmp-SNM-E06000047', 'from-year', 'to-year', 'cla-rate--cla_rate-tab-chart']) {
    assert.ok(seen.has(control), `Tab reaches ${control}`);
  }
  assert.ok(reachedMark, 'Tab reaches the first data point of the chart');
  const labels = new Set([reachedMark.text]);
  const tooltip = async () => page.$eval(`${CLA} .tooltip .tooltip-main`, (t) => t.textContent);
  assert.equal(await tooltip(), await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'focus shows the tooltip');
  for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowLeft']) {
    await page.keyboard.press(key);
    const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.equal(await tooltip(), label);
    labels.add(label);
  }
  const all = await page.$$eval(`${CLA} .marks button`, (bs) => bs.map((b) => b.getAttribute('aria-label')));
  assert.ok(all.length >= 20, `a mark per drawn value (${all.length})`);
  for (const l of labels) assert.ok(all.includes(l), `the arrow keys moved to a mark: "${l}"`);
  assert.ok(labels.size >= 6, 'the arrow keys move along and between series');
  assert.ok([...labels].some((l) => /^North East, /.test(l)), 'down from the area reaches the region');
  await page.close();
});

test('hovering a data point shows its tooltip, with every series at that date', async () => {
  const { page } = await openPage(browser, server.url + CLA_PAGE);
  await ready(page);
  // A year England and the region publish too.
  const mark = page.locator(`${CLA} .marks button[aria-label^="County Durham, 2021-22"]`).first();
  await mark.hover();
  const label = await mark.getAttribute('aria-label');
  assert.equal(await page.$eval(`${CLA} .tooltip .tooltip-main`, (t) => t.textContent), label);
  // The other series drawn at the same period are listed under it.
  // The period follows the place's name (which may hold a comma of its own).
  const periodOf = (l) => l.match(/, ((?:Q\d )?\d{4}-\d{2})(?: \(|:)/)?.[1];
  const period = periodOf(label);
  const others = await page.$$eval(`${CLA} .tooltip .tooltip-other`, (ts) => ts.map((t) => t.textContent));
  const labels = await page.$$eval(`${CLA} .marks button`, (bs) => bs.map((b) => b.getAttribute('aria-label')));
  const same = labels.filter((l) => l !== label && periodOf(l) === period);
  assert.ok(same.length >= 1, `other series have a value at ${period}`);
  assert.deepEqual([...others].sort(), [...same].sort(), `the tooltip at ${period} lists every series there`);
  await page.close();
});

test('Content-Security-Policy blocks inline script; the site runs under it', async () => {
  const { page, problems } = await openPage(browser, server.url + CLA_PAGE);
  await ready(page);
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    return window.__inlineRan === true;
  });
  assert.equal(ran, false, 'an injected inline script does not run');
  problems.splice(0, problems.length, ...problems.filter((p) => !/Content Security Policy/.test(p)));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a control change is one history entry: back and forward restore the view', async () => {
  const { page, problems } = await openPage(browser, server.url + CLA_PAGE);
  await ready(page);
  const headers = async () => (await headersOf(page, CLA)).slice(2);
  assert.deepEqual(await headers(), ['County Durham', 'England', 'North East', 'Statistical neighbours (median, our calculation)']);
  // England off: the view is drawn by the full app (view/), which keeps the choice on other pages.
  await page.uncheck('#cmp-E92000001');
  await page.waitForFunction(() => location.href.includes('cmp='));
  await ready(page);
  assert.deepEqual(await headers(), ['County Durham', 'North East', 'Statistical neighbours (median, our calculation)'], 'the chart follows');
  await page.click('nav a:has-text("Child deaths")');
  await page.waitForSelector('html[data-dashboard="ready"] main h1:text("Child deaths")');
  assert.match(page.url(), /cmp=/, 'the choice carries over');
  await page.goBack();
  await page.waitForSelector(`html[data-dashboard="ready"] ${CLA} .chart svg`, { state: 'attached' });
  assert.match(page.url(), /cmp=/);
  assert.equal(await page.isChecked('#cmp-E92000001'), false);
  await page.goBack();
  await page.waitForFunction(() => !location.href.includes('cmp='));
  await ready(page);
  await page.waitForFunction(() => document.querySelector('#cmp-E92000001')?.checked === true);
  assert.deepEqual(await headers(), ['County Durham', 'England', 'North East', 'Statistical neighbours (median, our calculation)'], 'back undoes the toggle');
  await page.goForward();
  await page.waitForFunction(() => location.href.includes('cmp='));
  await ready(page);
  await page.waitForFunction(() => document.querySelector('#cmp-E92000001')?.checked === false);
  assert.deepEqual(await headers(), ['County Durham', 'North East', 'Statistical neighbours (median, our calculation)']);
  assert.deepEqual(problems, []);
  await page.close();
});
