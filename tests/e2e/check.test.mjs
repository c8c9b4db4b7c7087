// "Check your data" (check/): a publisher's files are read by the page with the build's own
// parser and checker; nothing leaves the computer. Good, bad, hostile, inferred, workbook
// and large files, each checked for its messages, previews and requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, rm, open, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import { ROOT, DIST, serve, launch, openPage, axe, screenshot } from './harness.mjs';

const FIX = path.join(ROOT, 'tests', 'fixtures');
const BIN = path.join(ROOT, 'target', 'release', 'safeguarding-dashboard');
let server, browser, tmp;

before(async () => {
  server = await serve();
  browser = await launch();
  tmp = await mkdtemp(path.join(tmpdir(), 'check-page-'));
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Opens check/ and records every request made after it is ready. */
async function checkPage(width = 1280) {
  const opened = await openPage(browser, `${server.url}check/`, { width });
  await opened.page.waitForSelector('html[data-dashboard="ready"]', { timeout: 30000 });
  const requests = [];
  opened.page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  return { ...opened, requests };
}

/** Chooses `files` and waits until every one has its verdict. */
async function choose(page, files) {
  const before = await page.$$eval('.check-file .verdict', (l) => l.length);
  const jobs = files.filter((f) => !f.endsWith('.meta.csv') || !files.includes(f.replace(/\.meta\.csv$/, '.csv'))).length;
  await page.setInputFiles('#check-files', files);
  await page.waitForFunction((n) => document.querySelectorAll('.check-file .verdict').length >= n, before + jobs, { timeout: 120000 });
}

/** The problems listed on the page: { position, severity, message, hint }. */
function problemsOf(page) {
  return page.$$eval('.problem', (items) => items.map((li) => {
    const first = li.querySelector('p').innerText;
    const [, position, severity, message] = first.match(/^(\S+): (Error|Warning): (.*)$/s) ?? [];
    return { position, severity, message, hint: li.querySelector('.hint').innerText.replace(/^What to do: /, '') };
  }));
}

/** The problems `check FILE.csv` prints, parsed the same way (file names without folders). */
function problemsOfCli(file) {
  let out;
  try { out = execFileSync(BIN, ['check', file], { encoding: 'utf8' }); } catch (e) { out = e.stdout; }
  const lines = out.split('\n');
  const list = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i].match(/^(\S+?): (warning: )?(.*)$/);
    if (m && lines[i + 1]?.startsWith('  hint: ')) {
      list.push({ position: path.basename(m[1]), severity: m[2] ? 'Warning' : 'Error', message: m[3], hint: lines[i + 1].slice(8) });
      i++;
    }
  }
  return list;
}

test('the page loads its own program (parser, catalog and charts; no data file), within its budget', async () => {
  const page = await browser.newPage();
  const urls = [];
  page.on('request', (r) => urls.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}check/`);
  await page.waitForSelector('html[data-dashboard="ready"]', { timeout: 30000 });
  assert.ok(urls.some((u) => u.endsWith('/light-checker/safeguarding-dashboard_bg.wasm')), urls.join(' '));
  // Only the site's configuration, for the previews: no data file, no other program.
  assert.deepEqual(urls.filter((u) => u.includes('/data/')), ['/data/site.json']);
  assert.ok(!urls.some((u) => /\/(light|light-pages|light-lists|light-check)\/|^\/safeguarding-dashboard_bg/.test(u)), urls.join(' '));
  let gz = 0;
  for (const f of ['safeguarding-dashboard_bg.wasm', 'safeguarding-dashboard.js']) gz += gzipSync(await readFile(path.join(DIST, 'light-checker', f)), { level: 9 }).length;
  console.log(`# bundle: light-checker ${gz} bytes gzip (budget ${300 * 1024})`);
  assert.ok(gz <= 300 * 1024, `light-checker is ${gz} bytes gzip`);
  await page.close();
});

test('a file with errors: each problem at file:line:column with its hint, the same as the check command; its line shown', async () => {
  const { page, problems, requests } = await checkPage();
  const file = path.join(FIX, 'check', 'bad.csv');
  await choose(page, [file, path.join(FIX, 'check', 'bad.meta.csv')]);
  assert.match(await page.innerText('.check-file h2'), /^bad\.csv with bad\.meta\.csv$/);
  assert.match(await page.innerText('.verdict'), /3 errors and 0 warnings: the dashboard cannot use this file/);
  const shown = await problemsOf(page);
  assert.deepEqual(shown.map((p) => p.position), ['bad.csv:3:1', 'bad.csv:4:11', 'bad.csv:4:12']);
  assert.match(shown[0].message, /"2022-23" is not a valid time_period/);
  assert.match(shown[1].message, /"twelve" is not a number/);
  assert.match(shown[2].message, /"140" is not a possible percentage/);
  assert.deepEqual(shown, problemsOfCli(file), 'the browser says what `check` says');
  // The view of line 4, with column 11 marked.
  const buttons = await page.$$('.line-view button');
  await buttons[1].click();
  await page.waitForSelector('table.lines');
  const rows = await page.$$eval('table.lines tr', (trs) => trs.map((tr) => [tr.querySelector('th').innerText, tr.querySelector('td').innerText]));
  assert.deepEqual(rows.map((r) => r[0]), ['3', '4']);
  assert.equal(await page.$eval('table.lines mark', (m) => m.textContent), 'twelve');
  assert.equal(await buttons[1].getAttribute('aria-expanded'), 'true');
  // …and field by field, named by the header.
  assert.match(await page.innerText('table.fields tr.line-at'), /^11\s+courses\s+twelve$/);
  await screenshot(page, 'check-errors-1280');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(requests, [], 'choosing and checking a file makes no request');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a good file with its meta: what it holds, where it would appear, and its charts as the dashboard draws them', async () => {
  const { page, problems, requests } = await checkPage();
  await choose(page, [path.join(ROOT, 'data', 'cla-rate.csv'), path.join(ROOT, 'data', 'cla-rate.meta.csv')]);
  assert.match(await page.innerText('.verdict'), /^✓ 27 rows read\. No problems: the dashboard can use this file\.$/);
  const understood = await page.innerText('.understood');
  assert.match(understood, /Local authority \(3\)\s+County Durham \(E06000047\); Derby \(E06000015\); Derbyshire \(E10000007\)/);
  assert.match(understood, /Periods: Financial year\s+2016-17 to 2021-22 \(6 periods\)/);
  assert.match(understood, /Conflicts kept\s+1 pair of rows/);
  const appears = await page.$$eval('.appears li', (l) => l.map((li) => li.innerText));
  assert.deepEqual(appears, [
    'Children looked after and care leavers › Children looked after per 10,000 children under 18 — its address on the site: looked-after/cla-rate--cla_rate/',
    'Children looked after and care leavers › Number of children looked after — its address on the site: looked-after/cla-rate--cla_count/',
  ]);
  // The preview is the dashboard's chart card: chart, table tab, tooltips' points, source.
  const card = page.locator('.preview').first();
  assert.match(await card.innerText(), /Children looked after per 10,000 children under 18: County Durham/);
  assert.match(await card.innerText(), /County Durham compared with England and North East/);
  assert.ok(await card.locator('svg.chart-svg').count() >= 1);
  await card.getByRole('tab', { name: 'Table' }).click();
  const cells = await card.locator('table.data-table tbody tr').first().innerText();
  assert.match(cells, /2018-19/);
  assert.match(await card.locator('table.data-table').innerText(), /82\.9/);
  await card.getByRole('tab', { name: 'Chart' }).click();
  await screenshot(page, 'check-preview-1280');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a data file alone is read with inferred metadata, said column by column; a workbook is refused with what to do', async () => {
  const { page, problems, requests } = await checkPage(375);
  const workbook = path.join(tmp, 'training.xlsx');
  await writeFile(workbook, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200)]));
  await choose(page, [path.join(ROOT, 'data', 'cla-rate.csv'), workbook]);
  const [inferred, refused] = await page.$$('.check-file');
  assert.match(await inferred.innerText(), /Metadata inferred/);
  assert.ok((await inferred.$$('.inferred li')).length >= 2);
  assert.match(await inferred.innerText(), /cla_rate/);
  // No theme is inferred: on no page until the meta file gives one.
  assert.match(await inferred.innerText(), /On no page: no indicator has a theme/);
  assert.match(await refused.innerText(), /training\.xlsx: Error: could not be read: it is a spreadsheet workbook, not a CSV file: save it .* as "CSV UTF-8 \(comma delimited\)"/);
  // A phone: nothing wider than the screen but scrolling tables.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 375, `page is ${wide} px wide at 375`);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('hostile content in a file stays text: no script runs, no element is injected', async () => {
  const { page, problems, requests } = await checkPage();
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await choose(page, [path.join(FIX, 'hostile', 'hostile.csv'), path.join(FIX, 'hostile', 'hostile.meta.csv')]);
  await page.waitForTimeout(300);
  const main = await page.innerText('main');
  assert.ok(main.includes("England <script>alert('country')</script>"), 'a hostile place name is shown as written');
  assert.ok(main.includes("Category <script>alert('filter')</script>"), 'a hostile label is shown as written');
  const injected = await page.$$eval('main script, main img, main iframe, main [onerror], main [onload]', (l) => l.length);
  assert.equal(injected, 0);
  assert.equal(dialogs, 0);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Writes a tidy file of about `mb` megabytes (County Durham and England, many periods). */
async function bigFile(name, mb) {
  const file = path.join(tmp, name);
  const out = await open(file, 'w');
  await out.write('time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,course,attendance,source,source_location\n');
  let rows = 0, bytes = 0, chunk = [];
  while (bytes < mb * 1e6) {
    const year = 2000 + (rows % 20);
    const line = `${year}${String((year + 1) % 100).padStart(2, '0')},Financial year,Local authority,E92000001,England,E12000001,North East,E06000047,840,County Durham,Course ${Math.floor(rows / 20)},${rows % 500},s-1,p.${rows % 90}\n`;
    chunk.push(line); bytes += line.length; rows++;
    if (chunk.length === 10000) { await out.write(chunk.join('')); chunk = []; }
  }
  await out.write(chunk.join(''));
  await out.close();
  await writeFile(file.replace(/\.csv$/, '.meta.csv'), 'col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme\ncourse,Filter,Course,,,,,,\nattendance,Indicator,Attendance,,,0,,,training\n');
  return { file, rows };
}

test('a large file streams with progress and can be cancelled; a smaller one is read to its last row', async () => {
  const { page, problems, requests } = await checkPage();
  const big = await bigFile('big.csv', 300);
  await page.setInputFiles('#check-files', [big.file, big.file.replace(/\.csv$/, '.meta.csv')]);
  // Progress moves: the bar's value grows and the words say how far.
  await page.waitForFunction(() => Number(document.querySelector('.check-progress progress')?.value) > 0, null, { timeout: 60000 });
  const detail = await page.innerText('.check-progress .load-detail');
  assert.match(detail, /^[\d.]+ MB of 30\d\.\d MB, [\d,]+ rows$/);
  assert.equal(await page.getAttribute('.check-progress progress', 'max'), String((await stat(big.file)).size));
  await page.getByRole('button', { name: 'Cancel reading big.csv' }).click();
  await page.waitForSelector('.check-file .verdict');
  assert.match(await page.innerText('.check-file .verdict'), /^Cancelled after [\d.]+ MB of 30\d\.\d MB: big\.csv was not checked/);
  const medium = await bigFile('medium.csv', 40);
  await choose(page, [medium.file, medium.file.replace(/\.csv$/, '.meta.csv')]);
  const verdicts = await page.$$eval('.check-file .verdict', (l) => l.map((v) => v.innerText));
  assert.match(verdicts[1], new RegExp(`^✓ ${medium.rows.toLocaleString('en-GB')} rows read\\. No problems`));
  assert.deepEqual(requests, [], 'no request carries the file, or anything');
  assert.deepEqual(problems, []);
  await page.close();
});

test('files as spreadsheets save them: the browser reads or refuses each as `check` does, with the same messages', async () => {
  const { readdir } = await import('node:fs/promises');
  const dir = path.join(FIX, 'spreadsheet');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.csv') && !f.endsWith('.meta.csv')).sort();
  assert.ok(files.length >= 8, files.join(' '));
  const { page, problems, requests } = await checkPage();
  for (const f of files) {
    const file = path.join(dir, f);
    const meta = file.replace(/\.csv$/, '.meta.csv');
    const chosen = (await readdir(dir)).includes(path.basename(meta)) ? [file, meta] : [file];
    const clear = page.getByRole('button', { name: 'Clear the results' });
    if (await clear.count()) await clear.click();
    await choose(page, chosen);
    assert.deepEqual(await problemsOf(page), problemsOfCli(file), f);
  }
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});
