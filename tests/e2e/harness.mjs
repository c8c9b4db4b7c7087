// Shared end-to-end harness: a static server for dist/ (optionally under a sub-path),
// Debian Chromium through playwright-core, request/console watching, axe-core and CSV.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFile, stat, mkdir, mkdtemp, cp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const DIST = process.env.DIST_DIR ? path.resolve(process.env.DIST_DIR) : path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(here, 'artifacts');
const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Serves `dir` at http://127.0.0.1:<port><prefix>; anything else is 404. `replace` maps
 * placeholder text to values in served HTML (for test host pages). */
export async function serve(dir = DIST, prefix = '/', replace = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
    rel = rel.slice(prefix.length);
    let file = path.join(dir, rel);
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      if (file.endsWith('.html') && Object.keys(replace).length) {
        let text = (await readFile(file)).toString('utf8');
        for (const [k, v] of Object.entries(replace)) text = text.split(k).join(v);
        const body = Buffer.from(text);
        res.writeHead(200, { 'content-type': type, 'content-length': body.length });
        res.end(body);
        return;
      }
      // Streamed, with its length, as a static server sends it (big data files start at once).
      const { size } = await stat(file);
      res.writeHead(200, { 'content-type': type, 'content-length': size });
      createReadStream(file).on('error', () => res.destroy()).pipe(res);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${prefix}`, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Opens a page that records console errors, page errors, failed and non-2xx requests. */
export async function openPage(browser, url, { width = 1280, height = 900 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url);
  return { page, problems };
}

/** Runs axe-core with the WCAG 2.0-2.2 A and AA rules in a page or frame; returns the violations. */
export async function axe(page) {
  // Evaluated through DevTools, so the page's Content-Security-Policy (no inline script)
  // stays on while axe runs.
  await page.evaluate(await readFile(AXE_PATH, 'utf8'));
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** Writes a PNG of the page (its top 2,400 px at most) to tests/e2e/artifacts/. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  const { w, h } = await page.evaluate(() => ({ w: document.documentElement.clientWidth, h: document.documentElement.scrollHeight }));
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: w, height: Math.min(h, 2400) } });
  return file;
}

/** RFC 4180 CSV → array of objects keyed by header. */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  text = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** "1027" → "1,027"; keeps the decimals as written ("90" stays "90"). */
export function groupThousands(text) {
  const [int, frac] = text.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** A temporary copy of dist/ whose data/ folder is replaced by what `fill(dataDir)` writes
 * (null keeps the built data), with its pages prerendered again from that data, as a
 * publisher's rebuild would (`safeguarding-dashboard pages`). Returns the copy's path;
 * remove it with `rm`. */
export async function distCopy(name, fill = null) {
  const dir = await mkdtemp(path.join(tmpdir(), `dashboard-${name}-`));
  await cp(DIST, dir, { recursive: true });
  if (fill) {
    await rm(path.join(dir, 'data'), { recursive: true });
    await fill(path.join(dir, 'data'));
    const bin = path.join(ROOT, 'target', 'release', 'safeguarding-dashboard');
    try { execFileSync(bin, ['pages', dir], { stdio: 'ignore' }); } catch { /* data the build cannot read: its pages are drawn in the browser */ }
  }
  return dir;
}
