// Starts the program of "Check your data" (src/web/light.rs, src/web/pages/check.rs): the
// publisher's files are read and checked in the page, with the build's parser. An external
// module, like boot.js, so the page's Content-Security-Policy can forbid inline script.
import init from './light-checker/safeguarding-dashboard.js';

init({ module_or_path: new URL('./light-checker/safeguarding-dashboard_bg.wasm', import.meta.url) });
