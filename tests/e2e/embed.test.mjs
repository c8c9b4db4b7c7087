// A web page we did not write, on another origin, embeds two charts that size themselves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openPage, axe, screenshot, DIST } from './harness.mjs';

const HOST_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'host');
let browser, dashboard, host;
before(async () => {
  browser = await launch();
  dashboard = await serve(DIST, '/dashboard/');
  host = await serve(HOST_DIR, '/', { '{{DASHBOARD}}': '' });
  await host.close();
  host = await serve(HOST_DIR, '/', { '{{DASHBOARD}}': dashboard.url });
});
after(async () => { await browser?.close(); await dashboard?.close(); await host?.close(); });

test('embeds on another origin render, are titled, grow to their content, and pass axe-core', async () => {
  assert.notEqual(new URL(host.url).port, new URL(dashboard.url).port, 'host and dashboard are different origins');
  const { page, problems } = await openPage(browser, host.url, { width: 900, height: 800 });
  for (const id of ['one', 'two']) {
    const frame = page.frameLocator(`#${id}`);
    await frame.locator('html[data-dashboard="ready"] .chart svg').waitFor({ timeout: 20000 });
    assert.ok((await page.getAttribute(`#${id}`, 'title')).length > 10, 'iframe has a meaningful title');
  }
  // Both frames grow from 150 px to the height of their content.
  await page.waitForFunction(() => ['one', 'two'].every((id) => document.getElementById(id).getBoundingClientRect().height > 400), null, { timeout: 10000 });
  for (const id of ['one', 'two']) {
    const frame = page.frames().find((f) => f.url().includes(id === 'one' ? 'cla-rate' : 'cp-categories'));
    const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    const outer = await page.$eval(`#${id}`, (f) => f.getBoundingClientRect().height);
    assert.ok(Math.abs(outer - content) <= 2, `#${id} is ${outer}px for ${content}px of content`);
    assert.equal(await frame.evaluate(() => document.scrollingElement.scrollHeight <= window.innerHeight + 1), true, `#${id} shows all its content without scrolling`);
    assert.ok((await frame.title()).length > 0, 'embedded document has a title');
    const violations = await axe(frame);
    assert.deepEqual(violations, [], `axe-core inside #${id}`);
  }
  // The first embed keeps its controls, the second was asked to hide them.
  assert.equal(await page.frameLocator('#one').locator('#area-select').count(), 1);
  assert.equal(await page.frameLocator('#two').locator('#area-select').count(), 0);
  // A link back to the full view on the dashboard.
  const link = await page.frameLocator('#one').locator('.embed-link a').getAttribute('href');
  assert.match(link, /\/looked-after\/cla-rate--cla_rate\/E06000047\/$/, 'the link opens the indicator page of the chart');
  // Both documented message formats arrive, from the dashboard's origin.
  const messages = await page.evaluate(() => window.__messages);
  const origin = new URL(dashboard.url).origin;
  assert.ok(messages.every((m) => m.origin === origin));
  assert.ok(messages.some((m) => typeof m.data === 'string' && /^pymxPYMxcla-onexPYMxheightxPYMx\d+$/.test(m.data)), 'pym.js format with the childId');
  assert.ok(messages.some((m) => m.data && m.data.sentinel === 'amp' && m.data.type === 'embed-size' && m.data.height > 400), 'AMP format');
  // No height is posted while the chart loads, so the host's frame never shrinks to a
  // loading message before it grows to the chart.
  const heights = messages.filter((m) => typeof m.data === 'string' && m.data.startsWith('pymxPYMxcla-one')).map((m) => Number(m.data.split('xPYMx')[3]));
  assert.ok(heights.length > 0 && heights.every((h) => h > 400), `every posted height is the drawn chart's: ${heights}`);
  assert.deepEqual(await axe(page), [], 'axe-core on the host page');
  await page.locator('#two').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'embed-host-900');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the parent script ignores messages that are not height messages from a dashboard frame', async () => {
  const { page } = await openPage(browser, host.url, { width: 900, height: 800 });
  await page.waitForFunction(() => document.getElementById('one').getBoundingClientRect().height > 400, null, { timeout: 20000 });
  const before = await page.$eval('#one', (f) => f.style.height);
  // From the host window itself (not a frame), and a forged format: both ignored.
  await page.evaluate(() => {
    window.postMessage('pymxPYMxcla-onexPYMxheightxPYMx99', '*');
    window.postMessage({ sentinel: 'amp', type: 'embed-size', height: 77 }, '*');
  });
  await page.waitForTimeout(200);
  assert.equal(await page.$eval('#one', (f) => f.style.height), before);
  await page.close();
});

test('embed code offered under every chart points at the embed route with a title', async () => {
  const { page } = await openPage(browser, dashboard.url + '#/looked-after/cla-rate--cla_rate?area=E06000047', { width: 1280, height: 900 });
  await page.waitForSelector('html[data-dashboard="ready"] #cla-rate--cla_rate .embed-code');
  await page.click('#cla-rate--cla_rate .embed-code summary');
  let code = await page.inputValue('#cla-rate--cla_rate-embed-text');
  assert.match(code, /<iframe src="http:\/\/127\.0\.0\.1:\d+\/dashboard\/embed\/cla-rate--cla_rate\/E06000047\/" title="Children looked after per 10,000 children under 18: County Durham"/);
  assert.match(code, /<script src="[^"]*\/dashboard\/embed.js" async><\/script>/);
  await page.check('#cla-rate--cla_rate-embed-hide');
  await page.check('#cla-rate--cla_rate-embed-fixed');
  code = await page.inputValue('#cla-rate--cla_rate-embed-text');
  assert.match(code, /controls=0&amp;height=\d{3,4}"/);
  assert.match(code, /data-fixed-height/);
  const cards = await page.$$eval('.chart-card', (cs) => cs.filter((c) => !c.querySelector('.embed-code')).length);
  assert.equal(cards, 0, 'every chart has an embed action');
  await page.close();
});
