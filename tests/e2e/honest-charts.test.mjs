// The honest-chart checker measures text with Arial's advance widths (src/core/chart/text.rs).
// Here Chromium measures the same strings, and every chart of every configured area's pages
// is read back at 375 px: no SVG text outside its chart or overlapping other text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, openPage, ROOT, DIST } from './harness.mjs';

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve(DIST, '/');
});
after(async () => { await browser?.close(); await server?.close(); });

test('the checker\'s text widths match Chromium\'s within 2% (sample written by tests/honest_charts.rs)', async () => {
  const sample = JSON.parse(await readFile(path.join(ROOT, 'target/chart-texts.json'), 'utf8'));
  assert.ok(sample.length > 500, `${sample.length} strings measured natively`);
  const { page } = await openPage(browser, `${server.url}accessibility/`);
  await page.waitForSelector('html[data-dashboard="ready"]', { timeout: 30000 });
  const measured = await page.evaluate((items) => {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('font-family', 'Arial, Helvetica, sans-serif');
    document.body.append(svg);
    return items.map(({ text, size, bold }) => {
      const t = document.createElementNS(ns, 'text');
      t.setAttribute('font-size', String(size));
      if (bold) t.setAttribute('font-weight', 'bold');
      t.textContent = text;
      svg.append(t);
      const w = t.getBBox().width;
      t.remove();
      return w;
    });
  }, sample);
  const errors = sample.map((s, i) => ({ text: s.text, ours: s.width, chromium: measured[i], rel: Math.abs(s.width - measured[i]) / Math.max(measured[i], 1) }));
  errors.sort((a, b) => b.rel - a.rel);
  const bad = errors.filter((e) => Math.abs(e.ours - e.chromium) > Math.max(1.5, 0.02 * e.chromium));
  const mean = errors.reduce((a, e) => a + e.rel, 0) / errors.length;
  console.log(`# text widths: ${errors.length} strings, mean error ${(100 * mean).toFixed(2)}%, worst ${(100 * errors[0].rel).toFixed(2)}% ("${errors[0].text}": ours ${errors[0].ours.toFixed(1)} px, Chromium ${errors[0].chromium.toFixed(1)} px)`);
  assert.deepEqual(bad.slice(0, 5), [], `${bad.length} strings measured more than 2% (or 1.5 px) off`);
});

const AREAS = ['E06000047', 'E06000015', 'E10000007', 'P-DDSCP'];
const THEMES = ['children-in-need', 'child-protection', 'looked-after', 'training', 'child-deaths', 'context', 'partnership-activity'];

test('at 375 px no chart of any configured area has text outside the chart or overlapping other text', async () => {
  let charts = 0;
  const problems = [];
  const { page } = await openPage(browser, `${server.url}#/`, { width: 375, height: 740 });
  for (const area of AREAS) {
    for (const theme of THEMES) {
      // Every chart of the theme, drawn in the browser (the page's own address, not an old
      // `#/` link, so no redirect races the checks below).
      await page.goto(`${server.url}view/?page=${encodeURIComponent(`${theme}/all/`)}&area=${area}`);
      await page.waitForSelector('html[data-dashboard="ready"] main h1', { timeout: 30000 });
      await page.waitForSelector('svg.chart-svg', { timeout: 30000 }).catch(() => {});
      await page.waitForFunction(() => !document.querySelector('[role=status]'), null, { timeout: 30000 });
      const found = await page.$$eval('svg.chart-svg', (svgs) => svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => {
          const r = t.getBoundingClientRect();
          // The viewport the text is clipped to: the nearest <svg>.
          const vp = t.closest('svg').getBoundingClientRect();
          return { text: t.textContent.trim(), x0: r.left, x1: r.right, y0: r.top, y1: r.bottom, clip: [vp.left, vp.top, vp.right, vp.bottom] };
        });
        const out = [];
        const slack = 0.5 * scale;
        for (const t of texts) {
          if (t.x0 < t.clip[0] - slack || t.x1 > t.clip[2] + slack || t.y0 < t.clip[1] - slack || t.y1 > t.clip[3] + slack) out.push(`clipped: "${t.text}"`);
        }
        for (let i = 0; i < texts.length; i++) {
          for (let j = i + 1; j < texts.length; j++) {
            const a = texts[i], b = texts[j];
            const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
            const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
            if (w > scale && h > scale) out.push(`"${a.text}" overlaps "${b.text}"`);
          }
        }
        return { title: svg.querySelector('title')?.textContent ?? '', problems: out };
      }));
      charts += found.length;
      for (const f of found) for (const p of f.problems) problems.push(`${area} ${theme} "${f.title}": ${p}`);
    }
  }
  console.log(`# ${charts} charts read back at 375 px, ${problems.length} text problems`);
  assert.ok(charts > 250, `${charts} charts drawn`);
  const kinds = [...new Set(problems.map((p) => p.replace(/^.*": /, "")))];
  assert.deepEqual(kinds.slice(0, 25), []);
});
