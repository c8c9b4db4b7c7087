// Scorecards: Durham's reproduces the pack's measures and figures live from the data, the
// Derby and Derbyshire one builds, and the page prints to clean A4 landscape pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, axe, screenshot, parseCsv, groupThousands, DIST, ARTIFACTS } from './harness.mjs';

const run = promisify(execFile);
const TITLE = 'County Durham Corporate Parenting Panel: Performance Management Framework';
let browser, server;
before(async () => { browser = await launch(); server = await serve(DIST, '/'); });
after(async () => { await browser?.close(); await server?.close(); });

test('Durham scorecard: the pack\'s groups, periods and CLA figures, then DfE\'s 2022-23 to 2024-25, equal to the data files', async () => {
  const { page, problems } = await openPage(browser, server.url + '#/scorecard?area=E06000047', { width: 1440, height: 900 });
  await page.waitForSelector('html[data-dashboard="ready"] .scorecard-table tbody tr', { timeout: 20000 });
  const headers = await page.$$eval('.scorecard-table thead tr:nth-child(2) th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(headers.slice(0, 10), ['Measure', '2018-19', '2019-20', '2020-21', '2021-22', 'Q2 2022-23', '2022-23', '2023-24', '2024-25', 'Latest']);
  assert.deepEqual(headers.slice(10, 14), ['England', 'North East', 'Statistical neighbours (median, our calculation)', 'Statistical neighbours (report\'s figure)']);
  assert.deepEqual(headers.slice(-2), ['Trend and direction of travel', 'Status']);
  const groups = await page.$$eval('.sc-group th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.equal(groups.length, 6);
  assert.equal(groups[0], 'What are the characteristics of our cohort of children in care and care leavers?');
  const row = await page.$eval('.scorecard-table tbody tr.sc-row', (tr) => [...tr.children].map((c) => c.textContent.trim()));
  const csv = parseCsv(await readFile(path.join(DIST, 'data', 'cla-rate.csv'), 'utf8'));
  const durham = (period, ident) => csv.find((r) => r.new_la_code === 'E06000047' && r.time_period === period && r.time_identifier === ident && r.cla_rate);
  const expected = [['201819', 'Financial year'], ['201920', 'Financial year'], ['202021', 'Financial year'], ['202122', 'Financial year'], ['202223', 'Financial year Q2']]
    .map(([p, i]) => { const r = durham(p, i); return `${groupThousands(r.cla_rate)} (${groupThousands(r.cla_count)})`; });
  row.slice(1, 6).forEach((cell, i) => assert.ok(cell.startsWith(expected[i]), `${cell} starts with the pack's ${expected[i]}`));
  // DfE's figures, read from the published file: the new columns, DfE's beside the pack's
  // where they differ, and the benchmarks.
  const dfe = parseCsv(await readFile(path.join(DIST, 'data', 'official', 'cla_number_and_rate_per_10k_children.csv'), 'utf8'))
    .filter((r) => r.population_type === 'Children looked after on 31 March each year');
  const official = (year, level, code) => {
    const r = dfe.find((x) => x.time_period === year && x.geographic_level === level && (level === 'National' || (level === 'Regional' ? x.region_code : x.new_la_code) === code));
    return { rate: r.rate_per_10000, text: `${groupThousands(r.rate_per_10000)} (${groupThousands(r.children_count)})` };
  };
  assert.deepEqual(row.slice(6, 9), ['2023', '2024', '2025'].map((y) => official(y, 'Local authority', 'E06000047').text));
  assert.equal(row[4], `${expected[3]}DfE: ${official('2022', 'Local authority', 'E06000047').text}`, 'the pack first, DfE beside it');
  assert.equal(row[9], `${official('2025', 'Local authority', 'E06000047').text}2024-25`);
  const england = official('2025', 'National').rate;
  assert.equal(row[10], `${england} (2024-25)`);
  assert.equal(row[11], `${official('2025', 'Regional', 'E12000001').rate} (2024-25)`);
  // The neighbours' median says how many of Durham's ten DfE neighbours publish a 2025 rate.
  const areas = (await readFile(path.join(DIST, 'data', 'areas.csv'), 'utf8')).split('\n').find((l) => l.includes(',E06000047,'));
  const publishing = areas.split(',')[8].split(' ').filter((c) => /^\d/.test(dfe.find((x) => x.time_period === '2025' && x.new_la_code === c)?.rate_per_10000 ?? '')).length;
  assert.match(row[12], new RegExp(`^\\d+(\\.\\d+)? \\(2024-25; ${publishing} of 10\\)$`));
  assert.match(row.at(-2), /(up|down|no change)2023-24 to 2024-25/);
  assert.match(row.at(-1), new RegExp(`Above England \\(${england}\\)`));
  // The row's sources say which columns came from where.
  const detail = await page.$eval('.scorecard-table tbody tr.sc-detail', (tr) => tr.textContent);
  assert.match(detail, /Sources: 2018-19 to Q2 2022-23: Durham County Council Corporate Parenting Panel papers/);
  assert.match(detail, /2022-23 to 2024-25, DfE's figures beside 2020-21 and 2021-22, England and North East: Department for Education.*cla_number_and_rate_per_10k_children\.csv/);
  // A row with no DfE equivalent says so across the new columns instead of blanks.
  const placed = await page.$$eval('.scorecard-table tbody tr.sc-row', (trs) => {
    const tr = trs.find((t) => t.querySelector('th').textContent === 'Children placed for adoption (chart and table)');
    const cell = tr.querySelector('.sc-no-official');
    return { text: cell?.textContent, span: cell?.getAttribute('colspan'), cells: tr.children.length };
  });
  assert.match(placed.text, /^No official equivalent: .{20,}/);
  assert.equal(placed.span, '3');
  assert.equal(placed.cells, headers.length - 2, 'one merged cell for three columns');
  // Direction of travel and status are words, not colour alone.
  const statuses = await page.$$eval('.status', (s) => s.map((x) => x.textContent));
  assert.ok(statuses.some((s) => /Better than England/.test(s)) && statuses.some((s) => /Worse than England/.test(s)));
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'scorecard-durham-1440');
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, 'scorecard-durham-1280');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Every visible cell of the first card's header row, with its box. */
const headerBoxes = (page) => page.$$eval('.scorecard-table thead tr.sc-head th', (ths) => ths
  .filter((t) => getComputedStyle(t).display !== 'none')
  .map((t) => { const r = t.getBoundingClientRect(); return { text: t.textContent.trim(), left: r.left, right: r.right }; }));

test('at 1,280 px every column is on screen; older periods fold away and come back; the key explains the marks', async () => {
  const { page, problems } = await openPage(browser, server.url + '#/scorecard?area=E06000047', { width: 1280, height: 900 });
  await page.waitForSelector('html[data-dashboard="ready"] .scorecard-table tbody tr', { timeout: 20000 });
  const wrap = await page.$eval('.scorecard-wrap', (w) => ({ scroll: w.scrollWidth, client: w.clientWidth }));
  assert.ok(wrap.scroll <= wrap.client, `no sideways scrolling: ${wrap.scroll} > ${wrap.client}`);
  const shown = await headerBoxes(page);
  assert.deepEqual(shown.slice(-2).map((h) => h.text), ['Trend and direction of travel', 'Status']);
  for (const h of shown) assert.ok(h.left >= 0 && h.right <= 1280, `${h.text} at ${h.left}-${h.right}`);
  // The latest five periods are shown; the rest come back with the button (and print).
  assert.deepEqual(shown.slice(1, 6).map((h) => h.text), ['2021-22', 'Q2 2022-23', '2022-23', '2023-24', '2024-25']);
  const button = page.getByRole('button', { name: /Show all 8 periods/ });
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  await button.click();
  const all = await headerBoxes(page);
  assert.deepEqual(all.slice(1, 9).map((h) => h.text), ['2018-19', '2019-20', '2020-21', '2021-22', 'Q2 2022-23', '2022-23', '2023-24', '2024-25']);
  assert.equal(await page.getByRole('button', { name: /Show the latest 5 periods/ }).getAttribute('aria-pressed'), 'true');
  // The key says what Direction compares and what each mark means.
  const key = await page.$eval('.sc-key', (k) => k.textContent);
  for (const words of ['↑ up', '↓ down', '→ little change', '✓ better than England', '✗ worse than England', '⚠', 'previous one of the same kind', 'small numbers']) {
    assert.ok(key.includes(words), `key says ${words}`);
  }
  // Each measure links to its chart; the link opens the chart and its table for the area.
  const link = await page.$eval('.scorecard-table tbody tr.sc-row th a', (a) => ({ href: a.getAttribute('href'), text: a.textContent }));
  assert.match(link.href, /^(\.\.\/)+[a-z-]+\/[a-z0-9-]+--[a-z0-9_-]+\/E06000047\/$/, 'a row links to its indicator page');
  const files = await page.$$eval('.scorecard-table tr.sc-detail .sc-files a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(files.includes('../../data/official/cla_number_and_rate_per_10k_children.csv'), files.slice(0, 3).join(' '));
  await page.click('.scorecard-table tbody tr.sc-row th a');
  await page.waitForSelector('html[data-dashboard="ready"] main svg', { timeout: 20000 });
  const title = await page.$eval('main h1', (h) => h.textContent);
  assert.match(title, /looked after/i);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone each measure keeps its name with its labelled values, with nothing off screen', async () => {
  const { page, problems } = await openPage(browser, server.url + '#/scorecard?area=E06000047', { width: 375, height: 800 });
  await page.waitForSelector('html[data-dashboard="ready"] .scorecard-table tbody tr', { timeout: 20000 });
  const doc = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(doc <= 375, `page is ${doc} px wide`);
  const rows = await page.$$eval('.scorecard-table tr.sc-row', (trs) => trs.map((tr) => {
    const th = tr.querySelector('th').getBoundingClientRect();
    const cells = [...tr.querySelectorAll('td')].filter((td) => getComputedStyle(td).display !== 'none');
    return {
      label: tr.querySelector('th').textContent,
      thBottom: th.bottom,
      cells: cells.map((td) => { const r = td.getBoundingClientRect(); return { label: td.dataset.label, before: getComputedStyle(td, '::before').content, top: r.top, bottom: r.bottom, left: r.left, right: r.right }; }),
    };
  }));
  assert.ok(rows.length >= 30, `${rows.length} rows`);
  for (const r of rows) {
    for (const c of r.cells) {
      assert.ok(c.left >= 0 && c.right <= 375, `${r.label}: ${c.label} at ${c.left}-${c.right}`);
      assert.ok(c.top >= r.thBottom - 1, `${r.label}: ${c.label} sits under its measure's name`);
      assert.ok(c.label && c.before.includes(c.label.slice(0, 6)), `${r.label}: cell labelled ${c.label} (${c.before})`);
    }
    // The row's values end before the next measure starts (they stay with its name).
  }
  for (let i = 1; i < rows.length; i++) {
    const prevBottom = Math.max(...rows[i - 1].cells.map((c) => c.bottom));
    assert.ok(rows[i].thBottom > prevBottom, `${rows[i].label} starts after ${rows[i - 1].label}'s values`);
  }
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'scorecard-durham-375');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Derby and Derbyshire scorecard builds from what their reports publish', async () => {
  const { page, problems } = await openPage(browser, server.url + '#/scorecard?area=E06000015', { width: 1280, height: 900 });
  await page.waitForSelector('html[data-dashboard="ready"] .scorecard-table tbody tr', { timeout: 20000 });
  const title = await page.$eval('.sc-title-text', (t) => t.textContent);
  assert.equal(title, 'Derby and Derbyshire: children\'s safeguarding scorecard');
  // Each measure's name links to its chart ("(chart and table)" is for screen readers).
  const labels = await page.$$eval('.scorecard-table tbody th[scope=row]', (ths) => ths.map((t) => t.textContent.replace(/ \(chart and table\)$/, '')));
  const linked = await page.$$eval('.scorecard-table tbody th[scope=row] a', (as) => as.length);
  assert.equal(linked, labels.length, 'every row links to its chart');
  assert.ok(labels.includes('Children in need per 10,000 children: Derbyshire'));
  assert.ok(labels.length >= 15);
  await screenshot(page, 'scorecard-derby-1280');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the two-council scorecard has both councils\' DfE figures whichever council is chosen', async () => {
  // Each page loads one authority's slices; a partnership's slice carries its partners' rows.
  const dfe = parseCsv(await readFile(path.join(DIST, 'data', 'official', 'cla_number_and_rate_per_10k_children.csv'), 'utf8'))
    .filter((r) => r.population_type === 'Children looked after on 31 March each year' && r.time_period === '2025');
  const text = (code) => { const r = dfe.find((x) => x.new_la_code === code); return `${groupThousands(r.rate_per_10000)} (${groupThousands(r.children_count)})`; };
  for (const chosen of ['E06000015', 'E10000007']) {
    const { page, problems } = await openPage(browser, server.url + `#/scorecard?area=${chosen}`, { width: 1280, height: 900 });
    await page.waitForSelector('html[data-dashboard="ready"] .scorecard-table tbody tr', { timeout: 20000 });
    for (const [name, code] of [['Derby', 'E06000015'], ['Derbyshire', 'E10000007']]) {
      const cells = await page.$$eval('.scorecard-table tbody tr.sc-row', (trs, label) => {
        const tr = trs.find((t) => t.querySelector('th').textContent.replace(/ \(chart and table\)$/, '') === label);
        return tr && [...tr.children].map((c) => ({ label: c.dataset.label, text: c.textContent.trim() }));
      }, `Children looked after per 10,000 children: ${name}`);
      assert.ok(cells, `${name}'s row on the scorecard chosen as ${chosen}`);
      assert.equal(cells.find((c) => c.label === '2024-25')?.text, text(code), `${name} 2024-25, chosen as ${chosen}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('prints to A4 landscape: no controls, header and source on every page', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'print-'));
  const pdf = path.join(ARTIFACTS, 'scorecard-durham.pdf');
  await run('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${dir}`,
    '--virtual-time-budget=15000', '--run-all-compositor-stages-before-draw', '--no-pdf-header-footer',
    `--print-to-pdf=${pdf}`, server.url + '#/scorecard?area=E06000047'], { timeout: 60000 });
  const info = (await run('pdfinfo', [pdf])).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  assert.match(info, /Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/, 'A4 landscape');
  // 11 pages since the official columns and each row's sources were added (5 before).
  assert.ok(pages >= 2 && pages <= 12, `${pages} pages`);
  for (let p = 1; p <= pages; p++) {
    const text = (await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'])).stdout;
    assert.ok(text.includes(TITLE), `page ${p} repeats the header`);
    assert.match(text, /Measure\s+2018-19/, `page ${p} repeats the column headings, all periods`);
    assert.match(text, /Sources: Durham County Council Corporate Parenting Panel papers/, `page ${p} names the source`);
    assert.match(text.replace(/\s+/g, " "), /Data checked against its sources \d{1,2} [A-Z][a-z]+ \d{4}/, `page ${p} has the date`);
    assert.doesNotMatch(text, /Compare with|Print or save|Skip to main content|Area\n|Show all/, `page ${p} has no controls`);
    assert.match(text, new RegExp(`Page ${p} of ${pages}`), `page ${p} is numbered`);
    assert.match(text.replace(/\s+/g, ' '), /Printed from http:\/\/127\.0\.0\.1:\d+\/scorecard\/E06000047\//, `page ${p} gives its address`);
    // No period or figure is split across lines (a line ending "2021-", or "1," before "027").
    assert.doesNotMatch(text, /\d{4}-\n|(^|[^\d])\d{1,3},\n\s*\d{3}\b/, `page ${p} splits no figure`);
  }
  // Every measure of the configuration is printed once: no row lost or cut between pages.
  const all = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
  const config = JSON.parse(await readFile(path.join(DIST, 'data', 'scorecards.json'), 'utf8')).scorecards.find((c) => c.id === 'durham');
  for (const g of config.groups) {
    assert.ok(all.replace(/\s+/g, ' ').includes(g.question.slice(0, 40)), `group "${g.question}" printed`);
  }
  await run('pdftoppm', ['-png', '-r', '60', pdf, path.join(ARTIFACTS, 'scorecard-page')]);
  console.log(`# printed ${pages} pages: ${pdf}`);
});
