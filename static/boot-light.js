// Starts the light program of a prerendered embed (src/web/light.rs): the page's chart is
// made interactive from its model, without the data files. An external module, like boot.js,
// so the page's Content-Security-Policy can forbid inline script.
import init from './light/safeguarding-dashboard.js';

init({ module_or_path: new URL('./light/safeguarding-dashboard_bg.wasm', import.meta.url) });
