// Starts the light program of the data page (src/web/light.rs): every data file is
// loaded and checked as it is on the host, without the rest of the app. An external module, like boot.js,
// so the page's Content-Security-Policy can forbid inline script.
import init from './light-check/safeguarding-dashboard.js';

init({ module_or_path: new URL('./light-check/safeguarding-dashboard_bg.wasm', import.meta.url) });
