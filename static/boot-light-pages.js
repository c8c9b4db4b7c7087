// Starts the light program of a prerendered indicator page (src/web/light.rs): the page is
// made interactive from its model, without the data files. An external module, like boot.js,
// so the page's Content-Security-Policy can forbid inline script.
import init from './light-pages/safeguarding-dashboard.js';

init({ module_or_path: new URL('./light-pages/safeguarding-dashboard_bg.wasm', import.meta.url) });
