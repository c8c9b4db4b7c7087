// Browser benchmarks of the built site (run by scripts/bench.sh; not part of the tests).
// In headless Debian Chromium against dist/ served on 127.0.0.1, over several runs:
//   1. bytes transferred before the first chart is drawn (raw, and gzip -9 of each file)
//   2. navigation start → first chart SVG in the DOM, cold cache, with and without 4× CPU
//      throttling (CDP Emulation.setCPUThrottlingRate)
//   3. parsing and indexing the generated 1,000,000-row file in the page, and MB/s
//   4. re-rendering after a comparator toggle on a chart of 12 series (p50, p95)
//   5. memory once the big file is loaded: JS heap and WebAssembly memory
// Writes the figures to docs/performance.md between its "bench:start" and "bench:end"
// markers (the prose around them is kept), and as JSON to target/bench/results.json.
//
//   node bench.mjs [--runs N] [--big DIR] [--native FILE] [--no-write]
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile, copyFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir, cpus, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { serve, launch, DIST, ROOT } from './harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', process.env.BENCH_RUNS ?? 5));
const BIG = path.resolve(ROOT, arg('big', 'target/big-data'));
const NATIVE = arg('native', null);
const WRITE = !process.argv.includes('--no-write');
const PEER = path.resolve(ROOT, arg('peer', '../shared/peer'));
/** The pages compared, each measured the same way: the peer and the limit from ../shared/peer. */
const PAGES = [
  { key: 'peer', label: 'peer: Observable Plot + d3 (`../shared/peer/index.html`)', peer: 'index.html' },
  { key: 'limit', label: 'limit: static HTML (`../shared/peer/static.html`)', peer: 'static.html' },
  { key: 'embed', label: 'our embed `embed/cla-rate--cla_rate/E06000047/`', hash: 'embed/cla-rate--cla_rate/E06000047/' },
  { key: 'indicator', label: 'our indicator page `looked-after/cla-rate--cla_rate/E06000047/`', hash: 'looked-after/cla-rate--cla_rate/E06000047/' },
  { key: 'overview', label: 'our theme overview `looked-after/E06000047/`', hash: 'looked-after/E06000047/' },
];
const TARGETS = { firstChartGzip: 150 * 1024, firstChartMs: 250, parseMBps: 100, rerenderP95: 16, heapRatio: 3 };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const log = (...a) => console.log('bench:', ...a);

/**
 * Records, from navigation start, when the first chart is in the document: an `<svg>` with
 * at least five drawn marks (path, line, polyline, rect, circle), as ../shared/peer/README.md
 * defines it for every page measured. Also collects long tasks, for time to interactive.
 */
const FIRST_CHART_PROBE = () => {
  window.__firstChart = null;
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.startTime + e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* no long task timing */ }
  const drawn = () => [...document.querySelectorAll('svg')].some((s) => s.querySelectorAll('path, line, polyline, rect, circle').length >= 5);
  new MutationObserver((_, obs) => {
    if (drawn()) { window.__firstChart = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => { if (window.__firstChart === null && drawn()) window.__firstChart = performance.now(); });
};

/**
 * Time to interactive, after the first chart: the end of the last long task (> 50 ms)
 * before a quiet second, and never before the page's own controls have handlers (ours: the
 * app has drawn its controls and marks; the peer and the limit have no controls, so theirs
 * is the later of the first chart and the last long task).
 */
const INTERACTIVE = async () => {
  const start = performance.now();
  for (;;) {
    const last = window.__longTasks.reduce((m, [, end]) => Math.max(m, end), 0);
    if (performance.now() - Math.max(last, window.__firstChart) >= 1000 || performance.now() - start > 20000) {
      const ready = performance.getEntriesByName('dashboard:interactive')[0]?.startTime ?? 0;
      return Math.max(window.__firstChart, last, ready);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
};

async function coldPage(browser, { cpu = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(FIRST_CHART_PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  return { context, page, cdp };
}

/** 1 and 2: first chart of `url`, cold cache, at CPU slowdown `cpu`; bytes before it. */
async function firstChart(browser, url, cpu) {
  const times = [], interactive = [];
  let bytes = null;
  for (let run = 0; run < RUNS; run++) {
    const { context, page } = await coldPage(browser, { cpu });
    await page.goto(url);
    await page.waitForFunction(() => window.__firstChart !== null, null, { timeout: 120000 });
    const r = await page.evaluate(() => {
      const t = window.__firstChart;
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource').filter((e) => e.responseEnd <= t);
      return { t, files: [nav, ...resources].map((e) => ({ url: e.name, bytes: e.encodedBodySize, transfer: e.transferSize })) };
    });
    times.push(r.t);
    interactive.push(await page.evaluate(INTERACTIVE));
    if (!bytes) bytes = r.files;
    await context.close();
  }
  return { times, interactive, files: bytes };
}

async function bytesOf(files, url, dir) {
  const groups = {};
  let raw = 0, gz = 0, transfer = 0;
  for (const f of files) {
    const rel = decodeURIComponent(new URL(f.url).pathname).replace(new URL(url).pathname, '');
    const local = path.join(dir, rel === '' || rel.endsWith('/') ? path.join(rel, 'index.html') : rel);
    const body = await readFile(local);
    const g = gzipSync(body, { level: 9 }).length;
    const kind = /\.wasm$/.test(local) ? 'wasm' : /\.js$/.test(local) ? 'JS' : /\.css$/.test(local) ? 'CSS' : /\.html$/.test(local) ? 'HTML' : 'data';
    groups[kind] ??= { files: 0, raw: 0, gzip: 0 };
    groups[kind].files++; groups[kind].raw += body.length; groups[kind].gzip += g;
    raw += body.length; gz += g; transfer += f.transfer;
  }
  return { groups, raw, gzip: gz, transfer };
}

/** A copy of dist/ with `data/` replaced by `dataDir`'s files (copied or linked). */
async function distWith(dataDir) {
  const dir = await mkdtemp(path.join(tmpdir(), 'dashboard-bench-'));
  await cp(DIST, dir, { recursive: true });
  await rm(path.join(dir, 'data'), { recursive: true });
  await mkdir(path.join(dir, 'data'));
  for (const f of await readdir(dataDir)) await copyFile(path.join(dataDir, f), path.join(dir, 'data', f));
  return dir;
}

/** 3 and 5: the big file, parsed and indexed in the page; memory afterwards. */
async function bigFile(browser) {
  const dir = await distWith(BIG);
  const server = await serve(dir, '/');
  const site = JSON.parse(await readFile(path.join(BIG, 'site.json'), 'utf8'));
  const file = (await stat(path.join(BIG, site.files[0].path))).size;
  const rows = Number(execFileSync('wc', ['-l', path.join(BIG, site.files[0].path)]).toString().trim().split(' ')[0]) - 1;
  const runs = [];
  for (let run = 0; run < Math.max(1, Math.min(RUNS, 3)); run++) {
    const { context, page, cdp } = await coldPage(browser);
    await page.goto(server.url + `#/children-in-need?area=${site.areas[0].code}`); // the overview: its trends are the first charts
    await page.waitForFunction(() => window.__firstChart !== null, null, { timeout: 600000 });
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const memory = await page.evaluate(async () => {
      const root = document.querySelector('meta[name="dashboard-root"]')?.content ?? '';
      const glue = await import(new URL(`${root}safeguarding-dashboard.js`, location.href).href);
      const wasm = await glue.default();
      return { wasm: wasm.memory.buffer.byteLength, js: performance.memory.usedJSHeapSize, firstChart: window.__firstChart };
    });
    runs.push({
      parseMs: marks['dashboard:data-ready'] - marks['dashboard:data-start'],
      readyMs: marks['dashboard:data-ready'],
      firstChartMs: memory.firstChart,
      jsHeap: metrics.JSHeapUsedSize,
      wasm: memory.wasm,
    });
    log(`big file run ${run + 1}: parsed in ${runs.at(-1).parseMs.toFixed(0)} ms, first chart at ${memory.firstChart.toFixed(0)} ms, wasm ${mb(memory.wasm)}, JS heap ${mb(metrics.JSHeapUsedSize)}`);
    await context.close();
  }
  await server.close();
  await rm(dir, { recursive: true, force: true });
  return { file, rows, runs };
}

/** A data folder with one area and 11 comparators: a chart of 12 series. */
async function twelveSeries() {
  const dir = await mkdtemp(path.join(tmpdir(), 'dashboard-12-'));
  const places = [['E06000001', 'Area one', 'Local authority'], ['E92000001', 'England', 'National'],
    ...Array.from({ length: 10 }, (_, i) => [`E06${String(i + 2).padStart(6, '0')}`, `Comparator ${i + 2}`, 'Local authority'])];
  const header = 'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,new_la_code,old_la_code,la_name,rate,source,source_location';
  const lines = [header];
  places.forEach(([code, name, level], p) => {
    for (let y = 2012; y < 2022; y++) {
      const period = `${y}${String((y + 1) % 100).padStart(2, '0')}`;
      const rate = (50 + p * 7 + (y - 2012) * (p % 3 - 1) * 1.5).toFixed(1);
      const geo = level === 'National' ? ',,,,' : `E12000001,North East,${code},${800 + p},${name}`;
      lines.push(`${period},Financial year,${level},E92000001,England,${geo},${rate},bench,table 1`);
    }
  });
  await writeFile(path.join(dir, 'bench12.csv'), lines.join('\n') + '\n');
  await writeFile(path.join(dir, 'bench12.meta.csv'), 'col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column,theme,polarity,definition,numerator,denominator\n'
    + 'rate,Indicator,Rate per 10000 (benchmark),Benchmark,"per 10,000",1,,,children-in-need,neither,A rate drawn for twelve places.,,\n');
  await writeFile(path.join(dir, 'site.json'), JSON.stringify({
    title: 'Benchmark: twelve series',
    areas: [{ code: 'E06000001', name: 'Area one', level: 'Local authority', comparators: places.slice(1).map((p) => p[0]) }],
    files: [{ id: 'bench12', path: 'bench12.csv', meta: 'bench12.meta.csv', title: 'Twelve series', theme: 'children-in-need' }],
    sources: [{ id: 'bench', title: 'Generated by tests/e2e/bench.mjs' }],
  }, null, 2));
  return { dir, comparators: places.slice(1).map((p) => p[0]) };
}

/** 4: comparator toggles on the 12-series chart: click → chart DOM updated, and → next frame. */
async function rerender(browser) {
  const data = await twelveSeries();
  const dir = await distWith(data.dir);
  const server = await serve(dir, '/');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + '#/children-in-need/bench12--rate?area=E06000001');
  await page.waitForSelector('html[data-dashboard="ready"] #bench12--rate .chart svg', { timeout: 60000 });
  const series = await page.$eval('#bench12--rate thead', (t) => t.querySelectorAll('th').length - 1);
  const toggles = Math.max(40, RUNS * 10);
  const dom = [], frame = [];
  for (let i = 0; i < toggles + 4; i++) {
    const cmp = data.comparators[i % data.comparators.length];
    const t = await page.evaluate(async (id) => {
      const chart = document.querySelector('#bench12--rate .chart');
      const box = document.getElementById(`cmp-${id}`);
      const t0 = performance.now();
      const updated = new Promise((ok) => {
        const obs = new MutationObserver(() => { obs.disconnect(); ok(performance.now()); });
        obs.observe(chart, { childList: true, subtree: true, characterData: true, attributes: true });
      });
      box.click();
      const t1 = await updated;
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      return { dom: t1 - t0, frame: performance.now() - t0 };
    }, cmp);
    if (i >= 4) { dom.push(t.dom); frame.push(t.frame); } // the first few warm up
  }
  await page.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
  await rm(data.dir, { recursive: true, force: true });
  return { series, toggles, dom, frame };
}

/**
 * Re-render after a toggle on the same chart, ours and the peer's: England off and on again.
 * Ours: the England checkbox of the chart as the full app draws it (the page that draws any
 * view, where a toggle on a prerendered page leads: see handOver), click → chart DOM updated.
 * The peer: what its page would do on such a toggle (Plot.plot again with or without England's
 * rows, and the new SVG put in place of the old), timed the same way.
 */
async function toggleSameChart(browser, server, peer) {
  const toggles = Math.max(20, RUNS * 4);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + 'view/?page=looked-after%2Fcla-rate--cla_rate%2F&area=E06000047');
  await page.waitForSelector('html[data-dashboard="ready"] #cla-rate--cla_rate .chart svg', { timeout: 60000 });
  const ours = [];
  for (let i = 0; i < toggles + 4; i++) {
    const t = await page.evaluate(async () => {
      const chart = document.querySelector('#cla-rate--cla_rate .chart');
      const t0 = performance.now();
      const updated = new Promise((ok) => {
        const obs = new MutationObserver(() => { obs.disconnect(); ok(performance.now()); });
        obs.observe(chart, { childList: true, subtree: true, characterData: true, attributes: true });
      });
      document.getElementById('cmp-E92000001').click();
      return (await updated) - t0;
    });
    if (i >= 4) ours.push(t);
  }
  await page.goto(peer.url + 'index.html');
  await page.waitForSelector('#chart svg', { timeout: 60000 });
  const theirs = [];
  for (let i = 0; i < toggles + 4; i++) {
    const t = await page.evaluate(async (on) => {
      const txt = await (await fetch('data/cla.csv', { cache: 'force-cache' })).text();
      const all = d3.csvParse(txt, d3.autoType);
      const t0 = performance.now();
      const rows = on ? all : all.filter((r) => !/England/.test(r.area));
      const chart = Plot.plot({ width: 720, height: 360, y: { grid: true, label: 'per 10,000' },
        marks: [Plot.lineY(rows, { x: 'period', y: 'rate', stroke: 'area', marker: true }), Plot.text(rows, Plot.selectLast({ x: 'period', y: 'rate', z: 'area', text: 'area', dx: 6, textAnchor: 'start' }))] });
      document.getElementById('chart').replaceChildren(chart);
      return performance.now() - t0;
    }, i % 2 === 1);
    if (i >= 4) theirs.push(t);
  }
  await page.close();
  return { toggles, ours, theirs };
}

/**
 * The first toggle on a prerendered indicator page, whose light program holds the default
 * view only: England off → the full app's page for that view drawn (chart in place, with its
 * handlers), cold cache each run. Median of RUNS.
 */
async function handOver(browser, server) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url + 'looked-after/cla-rate--cla_rate/E06000047/');
    await page.waitForSelector('html[data-dashboard="ready"] #cla-rate--cla_rate .chart svg', { timeout: 60000 });
    const t0 = Date.now();
    await page.click('#cmp-E92000001');
    await page.waitForURL(/\/view\//, { timeout: 60000 });
    await page.waitForSelector('html[data-dashboard="ready"] #cla-rate--cla_rate .chart svg', { timeout: 60000 });
    times.push(Date.now() - t0);
    await context.close();
  }
  return times;
}

function machine() {
  const chromium = (() => { try { return execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return 'chromium'; } })();
  const rustc = (() => { try { return execFileSync('rustc', ['--version']).toString().trim(); } catch { return 'rustc'; } })();
  const load = (() => { try { return execFileSync('cat', ['/proc/loadavg']).toString().split(' ').slice(0, 3).join(' '); } catch { return '?'; } })();
  return { cpu: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`, memory: `${Math.round(totalmem() / 2 ** 30)} GB`, chromium, rustc, node: process.version, load, date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC' };
}

const verdict = (ok) => (ok ? 'met' : '**missed**');

async function main() {
  const browser = await launch();
  const server = await serve(DIST, '/');
  const peer = await serve(PEER, '/');
  log(`first chart of ${PAGES.length} pages, ${RUNS} cold runs each at 1× and 4× CPU`);
  const pages = {};
  for (const p of PAGES) {
    const [url, dir] = p.peer ? [peer.url + p.peer, PEER] : [server.url + p.hash, DIST];
    const fast = await firstChart(browser, url, 1);
    const slow = await firstChart(browser, url, 4);
    const bytes = await bytesOf(fast.files, p.peer ? peer.url : server.url, dir);
    pages[p.key] = { ...p, fast, slow, bytes };
    log(`${p.key}: first chart ${median(fast.times).toFixed(0)} ms (4× CPU ${median(slow.times).toFixed(0)} ms), interactive ${median(fast.interactive).toFixed(0)} ms, ${kb(bytes.gzip)} gzip before it`);
  }
  log('re-render after a toggle on the same chart, ours and the peer\'s');
  const same = await toggleSameChart(browser, server, peer);
  log(`toggle: ours p50 ${median(same.ours).toFixed(1)} ms, peer p50 ${median(same.theirs).toFixed(1)} ms`);
  log('the first toggle on a prerendered indicator page: to the full app');
  const hand = await handOver(browser, server);
  log(`hand-over: median ${median(hand).toFixed(0)} ms`);
  await peer.close();
  await server.close();
  const fast = pages.overview.fast, slow = pages.overview.slow, bytes = pages.overview.bytes;
  log('re-render after comparator toggles, 12 series');
  const re = await rerender(browser);
  log(`re-render: p50 ${median(re.dom).toFixed(1)} ms, p95 ${quantile(re.dom, 0.95).toFixed(1)} ms`);
  let big = null;
  try { await stat(path.join(BIG, 'site.json')); big = await bigFile(browser); } catch (e) { log(`big file skipped: ${e.message}`); }
  await browser.close();

  const results = { machine: machine(), runs: RUNS, pages, same, rerender: re, big };
  await mkdir(path.join(ROOT, 'target', 'bench'), { recursive: true });
  await writeFile(path.join(ROOT, 'target', 'bench', 'results.json'), JSON.stringify(results, null, 2));

  const m = results.machine;
  const out = [];
  out.push(`Measured ${m.date} on ${m.cpu}, ${m.memory} RAM (load average ${m.load} at the end); ${m.chromium} (headless, via playwright-core), Node ${m.node}, ${m.rustc}. ${RUNS} runs each unless stated; "spread" is min–max.`);
  out.push('');
  const peerMs = median(pages.peer.fast.times), limitMs = median(pages.limit.fast.times);
  const peerSlow = median(pages.peer.slow.times), peerTti = median(pages.peer.fast.interactive), peerKb = pages.peer.bytes.gzip;
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  out.push('First chart (an `<svg>` with at least five drawn marks in the document, from navigation start; cold context and cache; median of the runs) of each page, in one run, and as ratios to the peer. Targets: our embed and indicator page at most 0.5× the peer\'s time and at most 2× the limit\'s.');
  out.push('');
  out.push('| page | first chart | spread | ÷ peer | ÷ limit | 4× CPU | ÷ peer | interactive | ÷ peer | bytes before it, gzip | ÷ peer | requests | verdict |');
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const p of Object.values(pages)) {
    const ms = median(p.fast.times), slowMs = median(p.slow.times), tti = median(p.fast.interactive);
    const target = ['embed', 'indicator'].includes(p.key) ? verdict(ms <= 0.5 * peerMs && ms <= 2 * limitMs) : '';
    const files = Object.values(p.bytes.groups).reduce((a, g) => a + g.files, 0);
    out.push(`| ${p.label} | ${ms.toFixed(0)} ms | ${spread(p.fast.times)} ms | ${ratio(ms, peerMs)} | ${ratio(ms, limitMs)} | ${slowMs.toFixed(0)} ms | ${ratio(slowMs, peerSlow)} | ${tti.toFixed(0)} ms | ${ratio(tti, peerTti)} | ${kb(p.bytes.gzip)} | ${ratio(p.bytes.gzip, peerKb)} | ${files} | ${target} |`);
  }
  out.push('');
  out.push(`The first toggle on a prerendered indicator page (England off), whose light program holds only the page's own view: to the full app's page for that view, drawn and interactive, median of ${hand.length} cold runs: ${median(hand).toFixed(0)} ms.`);
  out.push('');
  out.push(`Re-render after a toggle on the same chart (England off and on, ${same.toggles} toggles after 4 warm-up): ours (checkbox click → chart DOM updated) p50 ${median(same.ours).toFixed(1)} ms, p95 ${quantile(same.ours, 0.95).toFixed(1)} ms; the peer (Plot.plot again and the SVG replaced) p50 ${median(same.theirs).toFixed(1)} ms, p95 ${quantile(same.theirs, 0.95).toFixed(1)} ms; ours ÷ peer ${ratio(median(same.ours), median(same.theirs))} at p50.`);
  out.push('');
  out.push('| measure | median | spread | target | verdict |');
  out.push('|---|---:|---:|---:|---|');
  out.push(`| theme overview: transferred before the first chart, gzip -9 of each file | ${kb(bytes.gzip)} | (same every run) | ≤ 150 KB | ${verdict(bytes.gzip <= TARGETS.firstChartGzip)} |`);
  out.push(`| … raw (the local server does not compress) | ${kb(bytes.raw)} | | | |`);
  out.push(`| theme overview: navigation → first chart, cold cache, localhost | ${median(fast.times).toFixed(0)} ms | ${spread(fast.times)} ms | ≤ 250 ms | ${verdict(median(fast.times) <= TARGETS.firstChartMs)} |`);
  out.push(`| … with 4× CPU throttling | ${median(slow.times).toFixed(0)} ms | ${spread(slow.times)} ms | | |`);
  if (big) {
    const parse = big.runs.map((r) => r.parseMs), rate = big.runs.map((r) => big.file / 1e6 / (r.parseMs / 1000));
    const heap = big.runs.map((r) => r.jsHeap + r.wasm);
    out.push(`| download + parse + validate + index ${big.rows.toLocaleString('en-GB')} rows (${mb(big.file)}) in the page | ${(median(parse) / 1000).toFixed(2)} s | ${(Math.min(...parse) / 1000).toFixed(2)}–${(Math.max(...parse) / 1000).toFixed(2)} s (${big.runs.length} runs) | | |`);
    out.push(`| … throughput | ${median(rate).toFixed(0)} MB/s | ${spread(rate)} MB/s | ≥ 100 MB/s | ${verdict(median(rate) >= TARGETS.parseMBps)} |`);
    out.push(`| … navigation → first chart of the big file | ${(median(big.runs.map((r) => r.firstChartMs)) / 1000).toFixed(2)} s | | | |`);
    out.push(`| memory after loading it: JS heap + WebAssembly memory | ${mb(median(heap))} (${(median(heap) / big.file).toFixed(2)}× the file) | JS ${mb(median(big.runs.map((r) => r.jsHeap)))}, wasm ${mb(median(big.runs.map((r) => r.wasm)))} | ≤ 3× file | ${verdict(median(heap) <= TARGETS.heapRatio * big.file)} |`);
  } else {
    out.push('| big file | skipped: generate it with `cargo run --release --example gen_big_data` | | | |');
  }
  out.push(`| re-render after a comparator toggle, ${re.series}-series chart: click → chart DOM updated, p50 | ${median(re.dom).toFixed(1)} ms | ${re.toggles} toggles | | |`);
  out.push(`| … p95 | ${quantile(re.dom, 0.95).toFixed(1)} ms | max ${Math.max(...re.dom).toFixed(1)} ms | ≤ 16 ms | ${verdict(quantile(re.dom, 0.95) <= TARGETS.rerenderP95)} |`);
  out.push(`| … click → next frame, p50 / p95 | ${median(re.frame).toFixed(1)} / ${quantile(re.frame, 0.95).toFixed(1)} ms | | | |`);
  out.push('');
  out.push('Bytes before the first chart of the embed, by kind (files whose download ended before the chart appeared):');
  out.push('');
  out.push('| kind | files | raw | gzip -9 |');
  out.push('|---|---:|---:|---:|');
  const eb = pages.embed.bytes;
  for (const [k, g] of Object.entries(eb.groups)) out.push(`| ${k} | ${g.files} | ${kb(g.raw)} | ${kb(g.gzip)} |`);
  out.push(`| total | ${Object.values(eb.groups).reduce((a, g) => a + g.files, 0)} | ${kb(eb.raw)} | ${kb(eb.gzip)} |`);
  if (NATIVE) {
    const text = (await readFile(NATIVE, 'utf8')).split('\n').filter((l) => /iters|rows|MB$|skipped/.test(l)).join('\n');
    out.push('');
    out.push('Native benchmarks (`cargo bench --bench core`, same machine and run; see [benchmarks-native.md](benchmarks-native.md)):');
    out.push('');
    out.push('```');
    out.push(text);
    out.push('```');
  }
  const section = out.join('\n');
  console.log('\n' + section + '\n');
  if (WRITE) {
    const doc = path.join(ROOT, 'docs', 'performance.md');
    let text = '';
    try { text = await readFile(doc, 'utf8'); } catch { text = '# Performance\n\n<!-- bench:start -->\n<!-- bench:end -->\n'; }
    const start = '<!-- bench:start -->', end = '<!-- bench:end -->';
    const a = text.indexOf(start), b = text.indexOf(end);
    if (a < 0 || b < a) throw new Error(`${doc} has no ${start} … ${end} markers`);
    await writeFile(doc, text.slice(0, a + start.length) + '\n' + section + '\n' + text.slice(b));
    log(`wrote ${path.relative(ROOT, doc)}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
