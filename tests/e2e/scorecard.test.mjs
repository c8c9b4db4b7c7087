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

test('Durham scorecard: the pack\'s groups, periods and CLA figures, equal to the data file', async () => {
  const { page, problems } = await openPage(browser, server.url + '#/scorecard?area=E06000047', { width: 1440, height: 900 });
  await page.waitForSelector('.scorecard-table tbody tr', { timeout: 20000 });
  const headers = await page.$$eval('.scorecard-table thead tr:nth-child(2) th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.deepEqual(headers.slice(0, 7), ['Measure', '2018-19', '2019-20', '2020-21', '2021-22', 'Q2 2022-23', 'Latest']);
  assert.ok(headers.includes('England') && headers.includes('North East'));
  assert.deepEqual(headers.slice(-3), ['Trend', 'Direction of travel', 'Status']);
  const groups = await page.$$eval('.sc-group th', (ths) => ths.map((t) => t.textContent.trim()));
  assert.equal(groups.length, 6);
  assert.equal(groups[0], 'What are the characteristics of our cohort of children in care and care leavers?');
  const row = await page.$eval('.scorecard-table tbody tr:nth-child(2)', (tr) => [...tr.children].map((c) => c.textContent.trim()));
  const csv = parseCsv(await readFile(path.join(DIST, 'data', 'cla-rate.csv'), 'utf8'));
  const durham = (period, ident) => csv.find((r) => r.new_la_code === 'E06000047' && r.time_period === period && r.time_identifier === ident && r.cla_rate);
  const expected = [['201819', 'Financial year'], ['201920', 'Financial year'], ['202021', 'Financial year'], ['202122', 'Financial year'], ['202223', 'Financial year Q2']]
    .map(([p, i]) => { const r = durham(p, i); return `${groupThousands(r.cla_rate)} (${groupThousands(r.cla_count)})`; });
  assert.deepEqual(row.slice(1, 6), expected);
  assert.equal(row[6], '100.7 (1,027)Q2 2022-23');
  assert.equal(row[7], '70 (2021-22)');
  assert.equal(row[8], '110 (2021-22)');
  assert.match(row.at(-2), /up/);
  assert.match(row.at(-1), /Above England in 2021-22 \(96 vs 70\)/);
  // Direction of travel and status are words, not colour alone.
  const statuses = await page.$$eval('.status', (s) => s.map((x) => x.textContent));
  assert.ok(statuses.some((s) => /Better than England/.test(s)) && statuses.some((s) => /Worse than England/.test(s)));
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'scorecard-durham-1440');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Derby and Derbyshire scorecard builds from what their reports publish', async () => {
  const { page, problems } = await openPage(browser, server.url + '#/scorecard?area=E06000015', { width: 1280, height: 900 });
  await page.waitForSelector('.scorecard-table tbody tr', { timeout: 20000 });
  const title = await page.$eval('.sc-title-text', (t) => t.textContent);
  assert.equal(title, 'Derby and Derbyshire: children\'s safeguarding scorecard');
  const labels = await page.$$eval('.scorecard-table tbody th[scope=row]', (ths) => ths.map((t) => t.textContent));
  assert.ok(labels.includes('Children in need per 10,000 children: Derbyshire'));
  assert.ok(labels.length >= 15);
  await screenshot(page, 'scorecard-derby-1280');
  assert.deepEqual(problems, []);
  await page.close();
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
  assert.ok(pages >= 2 && pages <= 8, `${pages} pages`);
  for (let p = 1; p <= pages; p++) {
    const text = (await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'])).stdout;
    assert.ok(text.includes(TITLE), `page ${p} repeats the header`);
    assert.match(text, /Measure\s+2018-19/, `page ${p} repeats the column headings`);
    assert.match(text, /Sources: Durham County Council Corporate Parenting Panel papers/, `page ${p} names the source`);
    assert.match(text, /Data checked against its sources \d{1,2} [A-Z][a-z]+ \d{4}/, `page ${p} has the date`);
    assert.doesNotMatch(text, /Compare with|Print or save|Skip to main content|Area\n/, `page ${p} has no controls`);
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
