// A dashboard for another partnership in one documented step (README.md, "A dashboard for
// another partnership"): `scripts/new-site.sh CONFIG OUT` for an authority no partnership
// report covers (Northumberland, E06000057), with a PNG logo and its own colours, into a
// temporary folder (never dist/), served from a sub-path. Its pages name the partnership
// and show the logo, its headlines and charts are DfE's figures for Northumberland, the
// themes only the reports publish say so plainly; a colour without contrast is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFile, writeFile, copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve, launch, openPage, axe, screenshot, parseCsv, groupThousands, ROOT } from './harness.mjs';

const run = promisify(execFile);
const SCRIPT = path.join(ROOT, 'scripts', 'new-site.sh');
const NAME = 'Northumberland Safeguarding Children Partnership';
const CODE = 'E06000057';
const BRAND = '#1d5c3a';
const ACCENT = '#28a197';
const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

let tmp, out, browser, server, built;
const official = async (file) => parseCsv((await readFile(path.join(out, 'dist', 'data', 'official', file))).toString('utf8'));

/** Writes a configuration into the temp folder and runs the documented command on it. */
async function newSite(name, config, outDir) {
  const file = path.join(tmp, `${name}.json`);
  await writeFile(file, JSON.stringify(config, null, 2) + '\n');
  const t0 = Date.now();
  try {
    const r = await run(SCRIPT, [file, outDir], { cwd: ROOT, maxBuffer: 1 << 24 });
    return { ok: true, stdout: r.stdout, stderr: r.stderr, seconds: (Date.now() - t0) / 1000, file };
  } catch (e) {
    return { ok: false, code: e.code, stdout: e.stdout, stderr: e.stderr, seconds: (Date.now() - t0) / 1000, file };
  }
}

before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'dashboard-newsite-'));
  out = path.join(tmp, 'out');
  await copyFile(path.join(ROOT, 'tests', 'e2e', 'fixtures', 'newsite-logo.png'), path.join(tmp, 'logo.png'));
  built = await newSite('northumberland', { name: NAME, areas: [CODE], logo: 'logo.png', colours: { brand: BRAND, accent: ACCENT } }, out);
  console.log(`# new-site: ${built.seconds.toFixed(1)} s`);
  assert.ok(built.ok, `the command succeeds:\n${built.stdout}\n${built.stderr}`);
  browser = await launch();
  // From a sub-path, as on any static host.
  server = await serve(path.join(out, 'dist'), '/partnership/dashboard/');
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function ready(page) {
  await page.waitForSelector('html[data-dashboard="ready"] main h1', { timeout: 30000 });
  await page.waitForFunction(() => !document.querySelector('[role=status]'), null, { timeout: 30000 });
  await page.waitForLoadState('networkidle');
}

test('the command prints its steps with counts, and writes the official data only', async () => {
  for (const step of ['1/5', '2/5', '3/5', '4/5', '5/5']) assert.match(built.stdout, new RegExp(`^${step} `, 'm'), `step ${step}`);
  assert.match(built.stdout, /E06000057 is Northumberland \(North East;/);
  assert.match(built.stdout, /brand colour #1d5c3a: 7\.94:1 with white/);
  assert.match(built.stdout, /checked 18 file\(s\), \d+ row\(s\): 0 error\(s\), 0 warning\(s\)/);
  assert.match(built.stdout, /slice: wrote \d+ file\(s\)/);
  assert.match(built.stdout, /pages: wrote \d+ page\(s\)/);
  const site = JSON.parse(await readFile(path.join(out, 'data', 'site.json'), 'utf8'));
  assert.equal(site.title, `Children's safeguarding data: ${NAME}`);
  assert.deepEqual(site.partnerships, [{ code: 'P-NSCP', name: NAME, areas: [CODE] }]);
  assert.deepEqual(site.areas[0].comparators, ['E92000001', 'E12000001', 'SNM-E06000057']);
  assert.ok(site.files.every((f) => f.path.startsWith('official/') && f.source), 'official files only');
  assert.ok(site.sources.every((s) => !s.seed), 'no partnership report among the sources');
  assert.ok(site.measures.every((m) => m.parts.every((p) => p.file.startsWith('dfe-'))), 'measures keep their official parts');
  // The folder has nothing but the official files, their metas, the model, the logo and settings.
  const check = await run(path.join(ROOT, 'target', 'release', 'safeguarding-dashboard'), ['check', path.join(out, 'data')]);
  assert.match(check.stdout, /0 error\(s\), 0 warning\(s\)/);
  await stat(path.join(out, 'dist', 'brand.css'));
});

test('home: names the partnership, shows the logo in its colours, and DfE headlines for Northumberland', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await ready(page);
  assert.match(await page.title(), /Children's safeguarding data/);
  assert.equal((await page.textContent('header .site-title')).trim(), `Children's safeguarding data: ${NAME}`);
  const logo = await page.$eval('header img.site-logo', (i) => ({ alt: i.alt, loaded: i.complete && i.naturalWidth > 0, w: i.getBoundingClientRect().width, h: i.getBoundingClientRect().height }));
  assert.deepEqual({ alt: logo.alt, loaded: logo.loaded }, { alt: NAME, loaded: true });
  // 48 px high on a white plate of 4 px each side; the shape kept (120 × 40 px at 48 px high).
  assert.equal(Math.round(logo.h), 48 + 8);
  assert.equal(Math.round(logo.w), 144 + 8);
  // The colours: in a stylesheet linked from the head (render-blocking, so no page shows the
  // default first), applied to the header and the cards' rules.
  const html = await (await fetch(server.url)).text();
  assert.match(html.slice(0, html.indexOf('</head>')), /<link rel="stylesheet" href="brand\.css">/);
  assert.equal(await page.$eval('header.site-header', (h) => getComputedStyle(h).backgroundColor), rgb(BRAND));
  assert.equal(await page.$eval('.headline-card', (c) => getComputedStyle(c).borderTopColor), rgb(ACCENT));
  assert.equal(await page.$eval('footer a', (a) => getComputedStyle(a).color), rgb(BRAND));
  assert.match(await page.textContent('main h1'), /Northumberland/);
  // Headlines of the official themes: DfE's latest figures for Northumberland.
  const cards = await page.$$eval('.headline-card', (cs) => cs.map((c) => ({ theme: c.querySelector('h2').textContent.trim(), value: c.querySelector('.headline-value')?.textContent.trim() ?? null, text: c.textContent })));
  const card = (t) => cards.find((c) => c.theme === t);
  const cla = (await official('cla_number_and_rate_per_10k_children.csv')).filter((r) => r.new_la_code === CODE && r.population_type === 'Children looked after on 31 March each year' && r.time_period === '2025');
  assert.equal(card('Children looked after and care leavers').value, groupThousands(cla[0].children_count));
  assert.match(card('Children looked after and care leavers').text, new RegExp(`children looked after on 31 March \\(${cla[0].rate_per_10000} per 10,000`));
  const cin = (await official('b1_children_in_need_2013_to_2025.csv')).find((r) => r.new_la_code === CODE && r.time_period === '2025');
  assert.equal(card('Children in need').value, groupThousands(cin.At31_episodes));
  const cp = (await official('d5_cpps_at31march_by_duration_2013_to_2025.csv')).find((r) => r.new_la_code === CODE && r.time_period === '2025');
  assert.equal(card('Child protection plans').value, groupThousands(cp.CPP_At31));
  // The themes only the partnerships' reports publish say so, with no figure.
  for (const t of ['Safeguarding training', 'Child deaths']) {
    assert.equal(card(t).value, null, t);
    assert.match(card(t).text, new RegExp(`${NAME} publishes no figures on .* here`), t);
  }
  assert.match(await page.textContent('footer'), /^\s*Figures are taken from the Department for Education's official statistics, each named/);
  await screenshot(page, 'newsite-home-1280');
  assert.deepEqual(await axe(page), [], 'axe-core: no violations on the home page');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an indicator page draws the chart; its table is Northumberland\'s official figures', async () => {
  const { page, problems } = await openPage(browser, server.url);
  await ready(page);
  await page.click('.headline-card:has(h2:has-text("Children looked after")) .headline-chart a');
  await ready(page);
  assert.match(page.url(), /\/partnership\/dashboard\/looked-after\/dfe-cla--rate_per_10000--children-looked-after-on-31-march-each-year\/$/);
  const card = '#dfe-cla--rate_per_10000--children-looked-after-on-31-march-each-year';
  assert.ok(await page.$(`${card} .chart svg`), 'the chart is drawn');
  await page.click(`${card} [role=tab]:has-text("Table")`);
  const rows = await page.$$eval(`${card} tbody tr`, (trs) => trs.map((tr) => [tr.querySelector('th').textContent.trim(), ...[...tr.querySelectorAll('td.num')].map((td) => td.textContent.trim())]));
  const headers = await page.$$eval(`${card} thead th`, (ths) => ths.map((th) => th.textContent.trim()));
  assert.ok(headers.includes('England') && headers.includes('North East'), `England and the region: ${headers}`);
  const published = (await official('cla_number_and_rate_per_10k_children.csv')).filter((r) => r.new_la_code === CODE && r.population_type === 'Children looked after on 31 March each year');
  assert.ok(published.length >= 5);
  for (const r of published) {
    const y = Number(r.time_period);
    const period = `${y - 1}-${String(y % 100).padStart(2, '0')}`;
    const row = rows.find((x) => x[0] === period);
    assert.ok(row, `a row for ${period}: ${JSON.stringify(rows)}`);
    assert.equal(row[1], `${groupThousands(r.rate_per_10000)} (${groupThousands(r.children_count)} / ${groupThousands(r.population_estimate)})`, period);
  }
  assert.match(await page.textContent(`${card} .chart-source`), /Department for Education/);
  assert.deepEqual(await axe(page), [], 'axe-core: no violations on the indicator page');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the report-only themes say plainly there are no figures; scorecard and sources work', async () => {
  for (const theme of ['training', 'child-deaths']) {
    const { page, problems } = await openPage(browser, `${server.url}${theme}/`);
    await ready(page);
    assert.match(await page.textContent('main .no-figures'), new RegExp(`${NAME} publishes no figures on .* here`));
    assert.equal(await page.$$eval('main .chart-card, main .indicator-item, main .error', (e) => e.length), 0, theme);
    assert.deepEqual(problems, [], theme);
    await page.close();
  }
  const { page, problems } = await openPage(browser, `${server.url}scorecard/`);
  await ready(page);
  assert.match(await page.textContent('main'), /Northumberland: children in care and care leavers \(official statistics\)/);
  assert.ok((await page.$$('.scorecard-table tbody tr')).length > 5, 'rows of official measures');
  await page.goto(`${server.url}sources/`);
  await ready(page);
  assert.doesNotMatch(await page.textContent('main'), /Annual Report|Derby|Durham/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a colour without contrast, or a code no official file has, is refused naming the file and field', async () => {
  const bad = path.join(tmp, 'bad');
  const dim = await newSite('dim', { name: NAME, areas: [CODE], colours: { brand: '#5b9bd5' } }, bad);
  assert.equal(dim.ok, false);
  assert.match(dim.stderr, /dim\.json:\d+:\d+: colours\.brand: #5b9bd5 has a contrast of 2\.96:1 with white, below the 4\.5:1 WCAG 2\.2 AA needs/);
  assert.match(dim.stderr, /hint: use #487aa8 instead/);
  const accent = await newSite('accent', { name: NAME, areas: [CODE], colours: { brand: BRAND, accent: '#ffdd00' } }, bad);
  assert.match(accent.stderr, /colours\.accent: #ffdd00 has a contrast of 1\.34:1 with white, below the 3:1/);
  const code = await newSite('code', { name: NAME, areas: ['E06000099', 'E12000001'], colours: { brand: BRAND } }, bad);
  assert.match(code.stderr, /code\.json:\d+:\d+: areas\[0\]: "E06000099" is not an authority in the official files/);
  assert.match(code.stderr, /areas\[1\]: "E12000001" is North East, a region in the official files, not a local authority/);
  await assert.rejects(stat(bad), 'nothing is written');
});
