// Official statistics for every authority: an authority no partnership report covers shows
// DfE's published figures, with England, its region and its statistical neighbours'
// median; a page loads only its area's slices; County Durham's series joins DfE's figures
// with the reports' and shows where they differ.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { serve, launch, openPage, axe, screenshot, parseCsv, groupThousands, DIST } from './harness.mjs';
// (openPage is used by the tests that need no byte count.)

let browser, server, cla;
before(async () => {
  browser = await launch();
  server = await serve(DIST, '/');
  cla = parseCsv((await readFile(path.join(DIST, 'data/official/cla_number_and_rate_per_10k_children.csv'))).toString('utf8'));
});
after(async () => { await browser?.close(); await server?.close(); });

async function ready(page) {
  await page.waitForSelector('html[data-dashboard="ready"] main h1', { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector('[role=status]'), null, { timeout: 30000 });
  await page.waitForLoadState('networkidle');
}

const ON_31_MARCH = 'Children looked after on 31 March each year';
const label = (year) => `${year - 1}-${String(year % 100).padStart(2, '0')}`;
const published = (code, field) => cla
  .filter((r) => r.new_la_code === code && r.population_type === ON_31_MARCH)
  .map((r) => [label(Number(r.time_period)), r[field]])
  .sort();

async function tableOf(page, card) {
  await page.click(`${card} [role=tab]:has-text("Table")`);
  return page.$$eval(`${card} tbody tr`, (trs) => trs.map((tr) => [tr.querySelector('th').textContent.trim(), ...[...tr.querySelectorAll('td.num')].map((td) => td.textContent.trim())]));
}

// Authorities that no partnership report covers, in three regions.
for (const [code, name] of [['E09000003', 'Barnet'], ['E08000025', 'Birmingham'], ['E06000014', 'York']]) {
  test(`${name}: the looked-after rate table equals DfE's published figures, with England, region and neighbours`, async () => {
    const data = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('response', async (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      if (!r.url().includes('/data/')) return;
      try { const body = await r.body(); data.push({ url: r.url(), raw: body.length, gzip: gzipSync(body).length }); } catch { /* redirects */ }
    });
    await page.goto(`${server.url}#/looked-after/cla-rate--cla_rate?area=${code}`);
    await ready(page);
    assert.match(await page.textContent('main .lede'), new RegExp(name));
    const card = '#cla-rate--cla_rate';
    const rows = await tableOf(page, card);
    const headers = await page.$$eval(`${card} thead th`, (ths) => ths.map((th) => th.textContent.trim()));
    assert.equal(headers[1] ?? '', headers[1]);
    assert.ok(headers.some((h) => h === 'England'), `England column: ${headers}`);
    assert.ok(headers.some((h) => /statistical neighbours \(median/i.test(h)), `neighbours' median column: ${headers}`);
    const expected = published(code, 'rate_per_10000');
    assert.equal(expected.length, 5, 'five published years');
    for (const [period, rate] of expected) {
      const row = rows.find((r) => r[0] === period);
      assert.ok(row, `a row for ${period}: ${JSON.stringify(rows)}`);
      const src = cla.find((r) => r.new_la_code === code && r.population_type === ON_31_MARCH && label(Number(r.time_period)) === period);
      assert.equal(row[1], `${groupThousands(rate)} (${groupThousands(src.children_count)} / ${groupThousands(src.population_estimate)})`, `${name} ${period}`);
    }
    const england = published('E92000001', 'rate_per_10000');
    for (const [period, rate] of england) {
      const row = rows.find((r) => r[0] === period);
      const col = headers.indexOf('England') - 1;
      assert.ok(row[col].startsWith(groupThousands(rate)), `England ${period}: ${row[col]} vs ${rate}`);
    }
    assert.ok(rows.some((r) => r[0] === '2024-25'), 'the 2024-25 figure is shown');
    const sources = await page.textContent(`${card} .chart-source`);
    assert.match(sources, /Department for Education/);
    // Only this area's slices of the national files, never a whole national file.
    assert.ok(!data.some((d) => d.url.includes('/data/official/') && d.url.endsWith('.csv') && !d.url.endsWith('.meta.csv')), `no whole official file`);
    const gzip = data.reduce((a, d) => a + d.gzip, 0);
    const raw = data.reduce((a, d) => a + d.raw, 0);
    console.log(`# data bytes: looked-after ${code} ${data.length} requests, ${raw} raw, ${gzip} gzip`);
    assert.ok(gzip <= 300 * 1024, `a theme page for one authority transfers at most 300 KB of data gzip (${gzip})`);
    await screenshot(page, `official-${code}-looked-after`);
    const violations = await axe(page);
    assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('the area search finds any authority by part of its name and opens it', async () => {
  const { page, problems } = await openPage(browser, `${server.url}#/children-in-need`, { width: 1280, height: 900 });
  await ready(page);
  const options = await page.$$eval('#area-list option', (os) => os.map((o) => o.value));
  assert.ok(options.length >= 153 + 9 + 1, `every authority, region and England (${options.length})`);
  await page.fill('#area-find', 'Barnet (E09000003)');
  await page.dispatchEvent('#area-find', 'change');
  await page.waitForFunction(() => location.href.includes('area=E09000003'));
  await ready(page);
  assert.match(await page.textContent('main .lede'), /Barnet/);
  assert.equal(await page.$eval('#area-select', (s) => s.value), 'E09000003');
  assert.deepEqual(problems, []);
  await page.close();
});

test("County Durham's looked-after chart runs from the reports through DfE's 2024-25 figure, showing where they differ", async () => {
  const { page, problems } = await openPage(browser, `${server.url}#/looked-after/cla-rate--cla_count?area=E06000047`, { width: 1280, height: 900 });
  await ready(page);
  const card = '#cla-rate--cla_count';
  const rows = await tableOf(page, card);
  const periods = rows.map((r) => r[0]);
  for (const p of ['2018-19', '2021-22', 'Q2 2022-23', '2022-23', '2023-24', '2024-25']) assert.ok(periods.includes(p), `${p} in ${periods}`);
  assert.equal(new Set(periods).size, periods.length, 'one row per date');
  const row2122 = rows.find((r) => r[0] === '2021-22');
  assert.match(row2122[1], /^984\b/, `DfE's 984 is drawn first for 31 March 2022: ${row2122}`);
  const notes = await page.textContent(`${card}`);
  assert.match(notes, /984 \(Department for Education/);
  assert.match(notes, /982 \(/);
  assert.match(notes, /985 \(/);
  await screenshot(page, 'official-durham-looked-after');
  assert.deepEqual(problems, []);
  await page.close();
});

test("Barnet's latest year beside its ten neighbours and all authorities: tables equal DfE's figures; named neighbours become lines", async () => {
  const d3 = parseCsv((await readFile(path.join(DIST, 'data/official/d3_cpps_subsequent_plan_2013_to_2025.csv'))).toString('utf8'));
  const pct = (code) => d3.find((r) => r.time_period === '2025' && r.new_la_code === code && r.geographic_level === 'Local authority')?.CPP_subsequent_percent;
  const sn = (await readFile(path.join(DIST, 'data/areas.csv'))).toString('utf8').split('\n').find((l) => l.includes(',E09000003,'));
  const neighbours = sn.split(',')[8].split(' ');
  assert.equal(neighbours.length, 10);
  const { page, problems } = await openPage(browser, `${server.url}#/child-protection/dfe-cpp-subsequent--CPP_subsequent_percent--child-protection-plans-which-are-a-second-or-subsequent-plan?area=E09000003`, { width: 1280, height: 900 });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await ready(page);
  const card = '#dfe-cpp-subsequent--CPP_subsequent_percent--child-protection-plans-which-are-a-second-or-subsequent-plan';
  assert.match(await page.textContent(`${card} .chart-change`), /From 2023-24 to 2024-25: (improved|worsened|little change)/);
  await page.click(`${card} .compare-latest summary`);
  await page.waitForSelector(`html[data-dashboard="ready"] ${card} .compare-view table`);
  const near = await page.$$eval(`${card} .compare-view tbody tr`, (trs) => trs.map((tr) => [tr.querySelector('th').textContent.trim(), ...[...tr.querySelectorAll('td')].map((td) => td.textContent.trim())]));
  assert.equal(near.length, 12, 'Barnet, its ten neighbours and England');
  const shown = near.filter((r) => r[0] !== 'England').map((r) => Number(r[3].replace('%', ''))).filter((v) => !Number.isNaN(v));
  assert.deepEqual(shown, [...shown].sort((a, b) => a - b), 'lowest first: lower is better');
  for (const code of ['E09000003', ...neighbours]) {
    const name = d3.find((r) => r.new_la_code === code).la_name;
    const row = near.find((r) => r[0].replace(' (chosen)', '') === name);
    assert.ok(row, `${name} listed`);
    assert.equal(row[3], `${pct(code)}%`, `${name}: the published 2025 figure`);
  }
  assert.ok(!requests.some((u) => u.includes('recent.csv')), 'every authority is fetched only when asked for');
  await page.click(`${card} .compare-switch button:has-text("All authorities")`);
  await page.waitForSelector(`html[data-dashboard="ready"] ${card} .compare-table`);
  assert.ok(requests.some((u) => u.endsWith('/slices/dfe-cpp-subsequent/recent.csv')));
  const all = await page.$$eval(`${card} .compare-table tbody tr`, (trs) => trs.map((tr) => [tr.querySelector('th').textContent.trim(), ...[...tr.querySelectorAll('td')].map((td) => td.textContent.trim())]));
  const numeric = d3.filter((r) => r.time_period === '2025' && r.geographic_level === 'Local authority' && !Number.isNaN(Number(r.CPP_subsequent_percent)) && r.CPP_subsequent_percent !== '');
  assert.equal(all.filter((r) => r[1] !== '–').length, numeric.length, 'every authority with a figure is placed');
  const barnet = all.find((r) => r[0] === 'Barnet (chosen)');
  const rankLine = await page.textContent(`${card} .chart-rank`);
  assert.ok(rankLine.includes(`Rank ${barnet[1]} of`), `the position equals the printed rank: ${barnet[1]} / ${rankLine}`);
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  await screenshot(page, 'official-barnet-compare');
  // Two named neighbours as lines, each in the legend with its closeness.
  await page.click('.neighbours summary');
  await page.check(`#sn-${neighbours[0]}`);
  await page.waitForFunction((c) => location.href.includes(`sn=${c}`), neighbours[0]);
  await page.check(`#sn-${neighbours[1]}`);
  await page.waitForFunction((c) => location.href.includes(c), neighbours[1]);
  const legend = await page.textContent(`${card} svg`);
  for (const c of neighbours.slice(0, 2)) {
    const name = d3.find((r) => r.new_la_code === c).la_name;
    assert.match(legend, new RegExp(`${name} \\(neighbour, (close|somewhat close|not close)\\)`));
  }
  const headers = await tableOf(page, card).then(() => page.$$eval(`${card} .table-panel thead th`, (ths) => ths.map((th) => th.textContent.trim())));
  assert.equal(headers.length, 1 + 4 + 2, `Barnet, England, Outer London, the median and two neighbours: ${headers}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the home page of an authority no report covers leads with its 2024-25 figures and their benchmarks', async () => {
  const { page, problems } = await openPage(browser, `${server.url}#/?area=E06000014`, { width: 1280, height: 900 });
  await ready(page);
  const cards = await page.$$eval('.headline-card', (cs) => cs.map((c) => c.textContent));
  const cla = cards.find((c) => c.includes('Children looked after'));
  assert.match(cla, /2024-25/);
  assert.match(cla, /England/);
  assert.match(cla, /Yorkshire and The Humber/);
  assert.match(cla, /statistical neighbours \(median/i);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a home headline reads at a glance: count, rate and date in words, the change between counts, a link to its chart', async () => {
  const { page, problems } = await openPage(browser, `${server.url}#/?area=E06000047`, { width: 1280, height: 900 });
  await ready(page);
  const row = (y) => cla.find((r) => r.new_la_code === 'E06000047' && r.population_type === ON_31_MARCH && r.time_period === y);
  const [now, before] = [row('2025'), row('2024')];
  const card = page.locator('.headline-card', { hasText: 'Children looked after and care leavers' });
  const figure = (await card.locator('.headline-figure').textContent()).replace(/\s+/g, ' ').trim();
  assert.equal(figure, `${groupThousands(now.children_count)} children looked after (${now.rate_per_10000} per 10,000 children under 18), at 31 March 2025 (2024-25)`);
  const word = Number(now.children_count) < Number(before.children_count) ? 'down' : 'up';
  assert.match(await card.locator('.headline-change').textContent(), new RegExp(`${word} from ${groupThousands(before.children_count)} \\(${before.rate_per_10000} per 10,000\\) at 31 March 2024`));
  assert.match(await card.locator('.headline-age').textContent(), /old when the data were checked on \d{1,2} [A-Z][a-z]+ \d{4}/);
  // A theme with no figures for the area says so; none says "No headline figure".
  const texts = await page.$$eval('.headline-card', (cs) => cs.map((c) => c.textContent));
  assert.ok(texts.every((t) => !t.includes('No headline figure')));
  await card.getByRole('link', { name: /See this figure's chart and table/ }).click();
  await page.waitForSelector('html[data-dashboard="ready"] main svg', { timeout: 20000 });
  assert.match(page.url(), /\/looked-after\/cla-rate--cla_rate\/E06000047\/$/, 'the headline opens its indicator page');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
