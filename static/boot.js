// Starts the dashboard. An external module (not an inline script) so the page's
// Content-Security-Policy can forbid inline script.
import init from './safeguarding-dashboard.js';

init({ module_or_path: new URL('./safeguarding-dashboard_bg.wasm', import.meta.url) });
