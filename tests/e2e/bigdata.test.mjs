// A big data file in the browser: a copy of dist/ serving a generated 50,000-row file
// (examples/gen_big_data.rs, about 11 MB) over a throttled connection. While it loads,
// an accessible progress bar shows "x MB of y MB, n rows" and moves, the page keeps
// answering (no long task), and then the chosen area's charts are drawn.
// The 1,000,000-row file is measured by scripts/bench.sh (docs/performance.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, axe, screenshot, distCopy, ROOT } from './harness.mjs';

const ROWS = 50000;
let browser, server, dir, bytes;
before(async () => {
  dir = await distCopy('big', async (data) => {
    execFileSync('cargo', ['run', '--quiet', '--release', '--example', 'gen_big_data', '--', data, String(ROWS)], { cwd: ROOT, stdio: 'inherit' });
  });
  bytes = (await stat(path.join(dir, 'data', 'cin-big.csv'))).size;
  browser = await launch();
  server = await serve(dir, '/');
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test(`a ${ROWS.toLocaleString('en-GB')}-row file: accessible progress bar with MB and rows, responsive, then the chart`, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  // Long tasks (over 50 ms) while loading, from the start of the page.
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  });
  // About 4 MB/s, so loading takes a few seconds and the bar can be watched.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 4 * 1024 * 1024, uploadThroughput: -1 });
  await page.goto(server.url + '#/children-in-need/all?area=E06000001');

  const bar = page.getByRole('progressbar', { name: 'Loading data…' });
  await bar.waitFor({ timeout: 20000 });
  const sizeText = `${(bytes / 1e6).toFixed(1)} MB`;
  const samples = [];
  const pattern = new RegExp(`^(\\d+\\.\\d) MB of ${sizeText.replace('.', '\\.')}, ([\\d,]+) rows$`);
  while (samples.length < 40) {
    const s = await page.evaluate(() => {
      const p = document.querySelector('#load-progress');
      if (!p) return null;
      return { value: p.value, max: p.max, valuetext: p.getAttribute('aria-valuetext'), text: document.querySelector('#load-detail').textContent, t: performance.now() };
    });
    if (!s) break;
    if (s.max > 1) samples.push(s);
    await page.waitForTimeout(100);
  }
  assert.ok(samples.length >= 3, `the bar was seen ${samples.length} times with a size`);
  for (const s of samples) {
    assert.match(s.text, pattern, 'shows "x MB of y MB, n rows"');
    assert.equal(s.valuetext, s.text, 'the bar\'s accessible value is the visible text');
    assert.equal(s.max, bytes);
  }
  const first = samples[0], last = samples[samples.length - 1];
  assert.ok(last.value > first.value, `the bar moves (${first.value} → ${last.value} bytes)`);
  const rowsOf = (s) => Number(s.text.match(pattern)[2].replaceAll(',', ''));
  assert.ok(rowsOf(last) > rowsOf(first), 'the row count grows while the file downloads');
  await screenshot(page, 'bigdata-loading');

  // Then the area's chart, with all the file's rows.
  await page.waitForSelector('html[data-dashboard="ready"] #cin-big--cin_rate .chart svg', { timeout: 60000 });
  assert.match(await page.$eval('#cin-big--cin_rate .chart-title', (e) => e.textContent), /Local authority 001/);
  const ready = await page.evaluate(() => performance.getEntriesByName('dashboard:data-ready')[0]?.startTime);
  assert.ok(ready > 0, 'the data-ready mark is set');
  // Responsive while loading: the parser yields to the browser at least every ~40 ms.
  const longest = await page.evaluate((r) => Math.max(0, ...window.__longTasks.filter((t) => t.start < r).map((t) => t.duration)), ready);
  assert.ok(longest < 200, `no task over 200 ms while loading (longest ${longest.toFixed(0)} ms)`);
  console.log(`# big file: ${samples.length} progress samples, longest task while loading ${longest.toFixed(0)} ms, data ready at ${ready.toFixed(0)} ms`);
  const counts = await page.evaluate(() => [...document.querySelectorAll('.chart-card')].length);
  assert.ok(counts >= 4, `${counts} charts`);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});
