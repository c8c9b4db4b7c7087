// Hostile text in the page: a copy of dist/ serving tests/fixtures/hostile/ as its data
// (labels, notes, area names, filter values, source titles and configuration full of
// <script>, "><img onerror>, ]]>, & and spreadsheet formulas). Every string must be
// shown as text: no dialog opens, no element is injected, the text is visible as typed,
// the downloaded SVG is inert and the downloaded CSV neutralises formulas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, openPage, axe, screenshot, parseCsv, distCopy, ROOT } from './harness.mjs';

const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'hostile');
const AREA = 'E06000047';
const ROUTES = ['#/', `#/children-in-need?area=${AREA}`, `#/children-in-need/all?area=${AREA}`, '#/data', `#/embed/hostile--rate?area=${AREA}`];
const RATE = '#hostile--rate';

let browser, server, dir;
before(async () => {
  dir = await distCopy('hostile', (data) => cp(FIXTURE, data, { recursive: true }));
  browser = await launch();
  server = await serve(dir, '/');
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens `hash`, recording any dialog (alert, confirm, prompt) the page opens. */
async function open(hash, context) {
  const page = context ? await context.newPage() : null;
  const opened = page ? { page, problems: [] } : await openPage(browser, 'about:blank');
  const dialogs = [];
  opened.page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await opened.page.goto(server.url + hash);
  await opened.page.waitForSelector('html[data-dashboard="ready"] main h1, html[data-dashboard="ready"] main .chart svg', { timeout: 20000 });
  await opened.page.waitForLoadState('networkidle');
  return { ...opened, dialogs };
}

/** Elements or attributes that only markup from the data could have made. */
async function injected(page) {
  return page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (['img', 'iframe', 'object', 'embed', 'tspan', 'foreignobject', 'b'].includes(tag)) found.push(`<${tag}>`);
      if (tag === 'script' && !/boot(-light(-pages|-lists|-check)?)?\.js$/.test(el.getAttribute('src') ?? '')) found.push(`<script> ${el.outerHTML.slice(0, 80)}`);
      for (const a of el.attributes) if (/^on/i.test(a.name)) found.push(`${tag}[${a.name}]`);
    }
    return found;
  });
}

for (const hash of ROUTES) {
  test(`${hash}: hostile strings are shown as text; no dialog, no injected element, axe-core clean`, async () => {
    const { page, problems, dialogs } = await open(hash);
    await page.waitForTimeout(300);
    const body = await page.evaluate(() => document.body.innerText);
    // Each page shows some of the hostile strings, exactly as written.
    const expected = {
      '#/': ["Durham \"><img src=x onerror=alert('area')>", "Hostile text <script>alert('title')</script> & co"],
      [`#/children-in-need?area=${AREA}`]: ["Durham \"><img src=x onerror=alert('area')>", "File <script>alert('file')</script> ]]> & <!--"],
      [`#/children-in-need/all?area=${AREA}`]: ["Durham \"><img src=x onerror=alert('area')>", "File <script>alert('file')</script> ]]> & <!--",
        "@SUM(A1) Report <img src=x onerror=alert('source')> & annex", "-2+3 <script>alert('note')</script> ]]> & more"],
      '#/data': ["@SUM(A1) Report <img src=x onerror=alert('source')> & annex", "<b onmouseover=alert('publisher')>Publisher</b>",
        "Definition <img src=x onerror=alert('definition')> ]]>", "+Count \"><svg onload=alert('count')>"],
      [`#/embed/hostile--rate?area=${AREA}`]: ["=HYPERLINK(\"http://evil.example\",\"Rate <script>alert('label')</script>\")"],
    }[hash];
    for (const text of expected) assert.ok(body.includes(text), `shows ${JSON.stringify(text)} as text`);
    assert.deepEqual(await injected(page), [], 'nothing from the data became an element or a handler');
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.deepEqual(await axe(page), [], 'axe-core');
    assert.deepEqual(problems, []);
    if (hash.includes('children-in-need/all')) await screenshot(page, 'hostile-children-in-need');
    await page.close();
  });
}

test('charts, tables and tooltips keep the text; downloads are inert and neutralise formulas', async () => {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const { page, dialogs } = await open(`#/children-in-need/all?area=${AREA}`, context);
  // Every kind of chart is drawn, with hostile text inside the SVG as text.
  const charts = await page.$$eval('.chart-card', (cs) => cs.map((c) => ({ id: c.id, svg: c.querySelector('.chart svg')?.textContent ?? '' })));
  assert.ok(charts.length >= 4, `charts: ${charts.map((c) => c.id)}`);
  assert.ok(charts.some((c) => c.svg.includes("England <script>alert('country')</script>")), 'a place name in a legend');
  assert.ok(charts.some((c) => c.svg.includes("<script>alert('cat')</script>")), 'a category in a chart');
  // Tables: category headers and notes as text.
  await page.click(`#hostile--rate--by-category-tab-table`).catch(() => {});
  const tables = await page.$$eval('table', (ts) => ts.map((t) => t.innerText).join('\n'));
  assert.ok(tables.includes("<script>alert('cat')</script>"), 'a category in a table');
  // A tooltip shows the note as text.
  const mark = page.locator(`${RATE} .marks button`).first();
  await mark.hover();
  const tooltip = await page.$eval(`${RATE} .tooltip`, (t) => t.textContent);
  assert.match(tooltip, /-2\+3 <script>alert\('note'\)<\/script> \]\]> & more/);

  const get = async (label) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(`${RATE} button:has-text("${label}")`)]);
    return (await readFile(await d.path())).toString('utf8');
  };
  // CSV: text cells that start with = + - @ are neutralised with a leading quote mark.
  const rows = parseCsv(await get('Download CSV'));
  assert.ok(rows.length >= 9, `${rows.length} rows`);
  const durham = rows.find((r) => r.place.startsWith('Durham'));
  assert.equal(durham.place, "Durham \"><img src=x onerror=alert('area')>");
  assert.equal(durham.source_location, "'=HYPERLINK(\"http://evil.example\",\"loc\")");
  assert.equal(durham.source, "'@SUM(A1) Report <img src=x onerror=alert('source')> & annex");
  assert.equal(durham.note, "'-2+3 <script>alert('note')</script> ]]> & more");
  assert.match(durham.indicator, /^'=HYPERLINK\(/);
  assert.equal(rows.find((r) => r.place.includes('North East')).place, "'+North East <img src=x onerror=alert('region')>");
  for (const r of rows) {
    for (const k of ['indicator', 'place', 'category', 'source', 'source_location', 'note']) {
      assert.ok(!/^[=+\-@\t\r]/.test(r[k] ?? ''), `${k} = ${r[k]} would run as a formula`);
    }
  }
  // SVG: parses as XML, with no element or handler from the data.
  const svg = await get('Download SVG');
  const check = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const bad = [...doc.querySelectorAll('*')].filter((e) => !['svg', 'title', 'desc', 'rect', 'line', 'polyline', 'polygon', 'path', 'circle', 'text', 'g'].includes(e.localName)
      || [...e.attributes].some((a) => /^on/i.test(a.name))).map((e) => e.localName);
    return { error: !!doc.querySelector('parsererror'), bad, text: doc.documentElement.textContent };
  }, svg);
  assert.equal(check.error, false, 'the SVG parses');
  assert.deepEqual(check.bad, []);
  assert.ok(check.text.includes("@SUM(A1) Report <img src=x onerror=alert('source')> & annex"));
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(await injected(page), []);
  await context.close();
});
