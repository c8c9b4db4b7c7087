// Controls and history that never lie: after Back, Forward or reload every control shows
// the view drawn; arrowing through a closed select draws once; tabs move focus with the
// selection; an embed never adds entries to its host's history; its code can be copied and
// starts at the embed's real height.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, axe } from './harness.mjs';

const CLA = '#cla-rate--cla_rate';
const PAGE = '#/looked-after/cla-rate--cla_rate?area=E06000047';
let browser, server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); await server?.close(); });

async function ready(page) {
  await page.waitForSelector('html[data-dashboard="ready"] main h1', { timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector('[role=status]'), null, { timeout: 20000 });
}
const lede = (page) => page.textContent('main .lede');

test('after Back and Forward the Area and From selects show the view drawn', async () => {
  const { page, problems } = await openPage(browser, server.url + PAGE);
  await ready(page);
  await page.selectOption('#area-select', 'E06000015');
  // Another area is another page (its own address, drawn by the build).
  await page.waitForURL(/\/looked-after\/cla-rate--cla_rate\/E06000015\/$/);
  await ready(page);
  assert.match(await lede(page), /Derby/);
  // Other years: a view the page's model does not hold, drawn by the full app (view/).
  await page.selectOption('#from-year', '2020');
  await page.waitForFunction(() => location.href.includes('from=2020'));
  await ready(page);
  assert.equal(await page.$eval('#from-year', (s) => s.value), '2020');
  await page.goBack();
  await page.waitForFunction(() => !location.href.includes('from='));
  await ready(page);
  assert.equal(await page.$eval('#from-year', (s) => s.value), '', 'From shows "earliest" again');
  await page.goBack();
  await page.waitForURL(/\/E06000047\/$/);
  await ready(page);
  assert.equal(await page.$eval('#area-select', (s) => s.value), 'E06000047', 'Area shows County Durham, the area drawn');
  assert.match(await lede(page), /County Durham/);
  await page.goForward();
  await page.waitForURL(/\/E06000015\/$/);
  await ready(page);
  assert.match(await lede(page), /Derby/);
  assert.equal(await page.$eval('#area-select', (s) => s.value), 'E06000015', 'Area shows Derby after Forward');
  await page.goForward();
  await page.waitForFunction(() => location.href.includes('from=2020'));
  await ready(page);
  assert.equal(await page.$eval('#from-year', (s) => s.value), '2020');
  await page.reload();
  await ready(page);
  assert.equal(await page.$eval('#area-select', (s) => s.value), 'E06000015');
  assert.equal(await page.$eval('#from-year', (s) => s.value), '2020');
  assert.deepEqual(problems, []);
  await page.close();
});

test('arrowing through the closed From select draws once, when focus leaves it', async () => {
  const { page, problems } = await openPage(browser, server.url + PAGE);
  await ready(page);
  const entries = await page.evaluate(() => history.length);
  await page.focus('#from-year');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(300);
  assert.doesNotMatch(await page.evaluate(() => location.href), /from=/, 'no new view while arrowing');
  const chosen = await page.$eval('#from-year', (s) => s.value);
  assert.notEqual(chosen, '');
  await page.keyboard.press('Tab');
  await page.waitForFunction((y) => location.href.includes(`from=${y}`), chosen);
  assert.equal(await page.evaluate(() => history.length), entries + 1, 'one history entry for the whole choice');
  // Enter applies at once too.
  await page.focus('#to-year');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.href.includes('to='));
  assert.equal(await page.evaluate(() => history.length), entries + 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('arrow keys on the Chart and Table tabs move focus with the selection', async () => {
  const { page } = await openPage(browser, server.url + PAGE);
  await ready(page);
  await page.focus(`${CLA}-tab-chart`);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((id) => document.querySelector(`${id}-tab-table`).getAttribute('aria-selected') === 'true', CLA);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cla-rate--cla_rate-tab-table', 'focus is on the selected tab');
  assert.ok(await page.isVisible(`${CLA}-panel-table`));
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((id) => document.querySelector(`${id}-tab-chart`).getAttribute('aria-selected') === 'true', CLA);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'cla-rate--cla_rate-tab-chart');
  await page.close();
});

test("an embed's tabs and controls never add entries to the host page's history", async () => {
  const { page, problems } = await openPage(browser, server.url + '#/embed/cla-rate--cla_rate?area=E06000047');
  await page.waitForSelector(`html[data-dashboard="ready"] ${CLA} .chart svg`, { timeout: 20000 });
  const entries = await page.evaluate(() => history.length);
  await page.click(`${CLA}-tab-table`);
  await page.waitForFunction(() => location.href.includes('table='));
  await page.uncheck('#cmp-E92000001');
  await page.waitForFunction(() => location.href.includes('cmp='));
  assert.equal(await page.evaluate(() => history.length), entries, 'the embed replaced its own entry');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the embed code can be copied, and starts at the embed's real height", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  const page = await context.newPage();
  await page.goto(server.url + PAGE);
  await ready(page);
  await page.click(`${CLA} .embed-code summary`);
  await page.waitForFunction((id) => /height:(?!900px)\d+px/.test(document.querySelector(`${id}-embed-text`).value), CLA);
  const code = await page.inputValue(`${CLA}-embed-text`);
  await page.click(`${CLA} .embed-copy button`);
  await page.waitForSelector(`${CLA} .embed-copied:text("Copied.")`);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code, 'the clipboard holds the code shown');
  assert.deepEqual(await axe(page), []);
  const reserved = Number(code.match(/height:(\d+)px/)[1]);
  const src = code.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  // The embed at the width of the card it was copied from.
  const width = await page.$eval(CLA, (c) => Math.round(c.getBoundingClientRect().width)) + 24;
  const embed = await context.newPage();
  await embed.setViewportSize({ width, height: 900 });
  await embed.goto(src);
  await embed.waitForSelector(`html[data-dashboard="ready"] ${CLA} .chart svg`, { timeout: 20000 });
  const real = await embed.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  console.log(`# embed height: reserved ${reserved} px, real ${real} px at ${width} px wide`);
  assert.ok(Math.abs(reserved - real) / real <= 0.1, `the reserved height ${reserved} px is within 10% of the real ${real} px`);
  await context.close();
});
