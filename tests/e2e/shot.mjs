// Ad-hoc screenshots (not a test): node shot.mjs <hash> <name> [width] [script]
import { serve, launch, openPage } from './harness.mjs';
const [hash, name, width = '1280', act = ''] = process.argv.slice(2);
const browser = await launch();
const server = await serve();
const { page, problems } = await openPage(browser, `${server.url}${hash}`, { width: Number(width) });
await page.waitForSelector('main h1', { timeout: 30000 });
await page.waitForFunction(() => !document.querySelector('[role=status]'), null, { timeout: 30000 });
if (act) { await eval(act); await page.waitForTimeout(800); }
const el = process.env.SEL ? await page.$(process.env.SEL) : null;
if (el) await el.screenshot({ path: `/tmp/shots/${name}.png` }); else await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: !!process.env.FULL });
console.log(await page.evaluate(() => document.title), problems);
await browser.close(); await server.close();
