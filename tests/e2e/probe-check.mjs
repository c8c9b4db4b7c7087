import { serve, launch, openPage, screenshot, axe } from './harness.mjs';
const server = await serve();
const browser = await launch();
const { page, problems: errors } = await openPage(browser, server.url + 'check/');
await page.waitForSelector('html[data-dashboard="ready"]', { timeout: 20000 });
const reqs = [];
page.on('request', (r) => reqs.push(r.url()));
await page.setInputFiles('#check-files', process.argv.slice(2));
await page.waitForSelector('.verdict', { timeout: 60000 });
await page.waitForTimeout(1500);
const btn = await page.$('.line-view button');
if (btn) { await btn.click(); await page.waitForSelector('table.lines', {timeout: 10000}).catch(()=>{}); }
console.log((await page.innerText('main')).slice(0, 2500));
console.log('requests after choosing:', reqs);
console.log('errors:', errors);
console.log('axe:', JSON.stringify((await axe(page)).map(v => [v.id, v.nodes.length])));
await screenshot(page, 'probe-check');
await browser.close(); await server.close();
