// Bad data files in the page. A copy of dist/ is served with one data file broken at a
// time (the copy only: data/ is never touched); each class of problem must show a clear,
// accessible error naming the file, line and column on its theme page, in the place of
// that file's charts, while every other chart on the page still renders and the rest of
// the site works. A broken data/site.json gives an error, not a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serve, launch, openPage, axe, screenshot, distCopy } from './harness.mjs';

const PAGE = '#/looked-after/all?area=E06000047';

let browser, server, dir, baseline;
before(async () => {
  dir = await distCopy('robustness');
  browser = await launch();
  server = await serve(dir, '/');
  const { page, problems } = await openPage(browser, server.url + PAGE);
  await ready(page);
  baseline = await cards(page);
  assert.ok(baseline.length > 20, `the looked-after page has many charts (${baseline.length})`);
  assert.ok(baseline.every((c) => c.svg), 'every chart draws with intact data');
  assert.deepEqual(problems, []);
  await page.close();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function ready(page) {
  await page.waitForSelector('html[data-dashboard="ready"] main h1', { timeout: 20000 });
  await page.waitForLoadState('networkidle');
}

async function cards(page) {
  return page.$$eval('.chart-card', (cs) => cs.map((c) => ({ id: c.id, svg: !!c.querySelector('.chart svg') })));
}

// RFC 4180 rows, keeping every field as text, and back (quoting only where needed).
function rowsOf(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
function textOf(rows, sep = ',') {
  const quote = (f) => (f.includes(sep) || f.includes('"') || f.includes('\n') ? `"${f.replaceAll('"', '""')}"` : f);
  return rows.map((r) => r.map(quote).join(sep)).join('\n') + '\n';
}

const data = (name) => path.join(dir, 'data', name);
/** Edits a data file of the copy for the length of `fn`, then puts it back. */
async function withBroken(name, edit, fn) {
  const original = await readFile(data(name), 'utf8');
  try {
    const next = await edit(original);
    if (next === null) await rm(data(name));
    else await writeFile(data(name), next);
    await fn();
  } finally {
    await writeFile(data(name), original);
  }
}
const cell = (name) => (rows) => rows[0].indexOf(name);

// Each case: the file to break, how, and what the error must say. `at` is the position
// shown (file:line:column); `file` is the site.json id whose charts disappear.
const CASES = [
  {
    name: 'a missing file (404)', edit: () => null, expect: /could not be read: the server answered 404/, at: 'data/cla-rate.csv',
    allow: /HTTP 404: .*\/data\/cla-rate\.csv|console error: Failed to load resource: .* 404/,
  },
  { name: 'an empty file', edit: () => '', expect: /is empty/, at: 'data/cla-rate.csv' },
  { name: 'a header-only file', edit: (t) => t.split('\n')[0] + '\n', expect: /has a header but no data rows/, at: 'data/cla-rate.csv' },
  {
    name: 'a truncated row (a download cut off mid-row)',
    edit: (t) => { const l = t.split('\n'); return [l[0], l[1], l[2].slice(0, 40)].join('\n'); },
    expect: /row has 4 fields but the header has 17/, at: 'data/cla-rate.csv:3:5',
  },
  {
    // A semicolon file is read (with a warning); its decimal commas cannot be, and are refused.
    name: 'a semicolon-delimited file with decimal commas (a spreadsheet export)',
    edit: (t) => textOf(rowsOf(t).map((r, i) => (i === 0 ? r : r.map((f) => (/^\d+\.\d+$/.test(f) ? f.replace('.', ',') : f)))), ';'),
    expect: /"82,9" holds a comma in a file separated by semicolons/, at: 'data/cla-rate.csv:2:11', hint: /write 82\.9 with a decimal point, or 829 with no separator/,
  },
  {
    name: 'an unknown indicator column',
    edit: (t) => { const r = rowsOf(t); r[0][cell('cla_count')(r)] = 'cla_cuont'; return textOf(r); },
    expect: /unknown column "cla_cuont"/, at: 'data/cla-rate.csv:1:12', hint: /did you mean "cla_count"/,
  },
  {
    name: 'an unknown geographic level',
    edit: (t) => { const r = rowsOf(t); r[3][cell('geographic_level')(r)] = 'County'; return textOf(r); },
    expect: /unknown geographic_level "County"/, at: 'data/cla-rate.csv:4:3', hint: /National, Regional, Local authority/,
  },
  {
    name: 'a value that is not a number or a GSS symbol',
    edit: (t) => { const r = rowsOf(t); r[2][cell('cla_rate')(r)] = '9O'; return textOf(r); },
    expect: /"9O" is not a number or a GSS symbol/, at: 'data/cla-rate.csv:3:11', hint: /c suppressed, x not available/,
  },
  {
    name: 'an impossible percentage (over 100 with unit %)', file: 'care-leavers-eet',
    edit: (t) => { const r = rowsOf(t); r[1][cell('eet_pct')(r)] = '163.9'; return textOf(r); },
    expect: /"163\.9" is not a possible percentage for "eet_pct"/, at: 'data/care-leavers-eet.csv:2:14', hint: /between 0 and 100/,
  },
  {
    name: 'a duplicate observation with a different value',
    edit: (t) => { const r = rowsOf(t); const copy = [...r[1]]; copy[cell('cla_rate')(r)] = '99.9'; r.splice(2, 0, copy); return textOf(r); },
    expect: /"cla_rate" is 99\.9 here but 82\.9 on line 2/, at: 'data/cla-rate.csv:3:11', hint: /same conflict id/,
  },
  {
    name: 'a meta file out of step with its data file', meta: true,
    edit: (t) => `${t}cla_pct,Indicator,Percentage looked after,Children looked after,%,1,,,looked-after,neither,Share.,,\n`,
    expect: /meta file describes column "cla_pct" but the data file has no such column/, at: 'data/cla-rate.meta.csv:4:1',
  },
];

for (const c of CASES) {
  test(`${c.name}: a clear error on its theme page, every other chart drawn, the rest of the site works`, async () => {
    const id = c.file ?? 'cla-rate';
    const name = `${id}${c.meta ? '.meta' : ''}.csv`;
    const site = JSON.parse(await readFile(path.join(dir, 'data', 'site.json'), 'utf8'));
    const title = site.files.find((f) => f.id === id).title;
    await withBroken(name, c.edit, async () => {
      const { page, problems } = await openPage(browser, server.url + PAGE);
      await ready(page);
      // One alert, for this file, where its charts would be, with position, message and hint.
      const alerts = page.locator('.file-error[role="alert"]');
      assert.equal(await alerts.count(), 1, 'one error on the page');
      const alert = alerts.first();
      assert.equal((await alert.locator('h3').textContent()).trim(), `${title} cannot be shown`);
      const text = await alert.textContent();
      assert.ok(text.includes(`${c.at}: `), `names "${c.at}:" in: ${text}`);
      assert.match(text, c.expect);
      assert.match(text, c.hint ?? /What to do: /);
      assert.equal(await page.locator(`section:has(h2:text-is("${title}")) .file-error`).count(), 1, 'the error sits under the file\'s heading');
      assert.ok(await alert.isVisible());
      // Every other chart still renders.
      const now = await cards(page);
      const expected = baseline.filter((b) => !b.id.startsWith(`${id}--`)).map((b) => b.id);
      assert.ok(expected.length < baseline.length, `${id} had charts on this page`);
      // A measure whose report file broke still has DfE's figures: their own charts appear.
      const revealed = (id) => id.startsWith('dfe-') && !baseline.some((b) => b.id === id);
      assert.deepEqual(now.map((n) => n.id).filter((i) => !revealed(i)), expected, 'the same charts as before, less those of the broken file');
      assert.ok(now.every((n) => n.svg), 'each draws its SVG');
      assert.deepEqual(await axe(page), [], 'axe-core: the error is accessible');
      if (c.name.startsWith('a semicolon')) await screenshot(page, 'robustness-semicolon');
      // The rest of the site: the data page lists the same error, home draws its headlines.
      await page.goto(server.url + '#/data');
      await ready(page);
      assert.ok((await page.locator('.file-error[role="alert"]').first().textContent()).includes(`${c.at}: `));
      await page.goto(server.url + '#/?area=E06000015');
      await ready(page);
      assert.equal(await page.locator('.headline-card').count(), 7);
      await page.goto(server.url + '#/child-protection/all?area=E06000015');
      await ready(page);
      const other = await cards(page);
      assert.ok(other.length > 0 && other.every((o) => o.svg), 'another theme page draws every chart');
      assert.equal(await page.locator('.file-error').count(), 0, 'and shows no error');
      // The site stops downloading a file it cannot use (Chromium reports that as
      // ERR_ABORTED, as it sometimes does for an empty body read to its end).
      const stopped = (p) => p === `request failed: ${server.url}data/${name} net::ERR_ABORTED`;
      const unexpected = problems.filter((p) => !(c.allow && c.allow.test(p)) && !stopped(p));
      assert.deepEqual(unexpected, [], 'no console errors or failed requests (but the broken file\'s own)');
      await page.close();
    });
  });
}

test('a broken data/site.json gives a clear error instead of a blank page', async () => {
  const original = await readFile(path.join(dir, 'data', 'site.json'), 'utf8');
  try {
    for (const [broken, expect] of [
      [original.slice(0, 200), /data\/site\.json:\d+:\d+: is not a valid site configuration: EOF while parsing/],
      [original.replace(/"files":\s*\[/, '"files": 3, "x": ['), /data\/site\.json:\d+:\d+: is not a valid site configuration: invalid type: integer `3`, expected a sequence/],
      [null, /data\/site\.json: could not be read: the server answered 404/],
    ]) {
      if (broken === null) await rm(path.join(dir, 'data', 'site.json'));
      else await writeFile(path.join(dir, 'data', 'site.json'), broken);
      const { page, problems } = await openPage(browser, server.url + PAGE);
      const alert = page.locator('.file-error[role="alert"]');
      await alert.waitFor({ timeout: 20000 });
      assert.equal((await alert.locator('.file-error-title').textContent()).trim(), "The dashboard's configuration cannot be shown");
      assert.match(await alert.textContent(), expect);
      assert.ok(await page.locator('header nav').isVisible(), 'the page around the error is drawn');
      assert.equal(await page.locator('main h1').textContent(), 'The dashboard cannot start');
      assert.deepEqual(await axe(page), []);
      if (broken === null) {
        assert.deepEqual(problems.filter((p) => !/HTTP 404: .*site\.json|console error: Failed to load resource: .* 404/.test(p)), []);
      } else {
        assert.deepEqual(problems, []);
        await screenshot(page, 'robustness-site-json');
      }
      await page.close();
    }
  } finally {
    await writeFile(path.join(dir, 'data', 'site.json'), original);
  }
});
