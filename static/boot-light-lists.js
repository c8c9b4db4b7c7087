// Starts the light program of a prerendered home page, theme overview or scorecard (src/web/light.rs): the page is
// made interactive from its model, without the data files. An external module, like boot.js,
// so the page's Content-Security-Policy can forbid inline script.
import init from './light-lists/safeguarding-dashboard.js';

init({ module_or_path: new URL('./light-lists/safeguarding-dashboard_bg.wasm', import.meta.url) });
