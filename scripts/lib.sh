# Shared helpers for the scripts in this folder. Source it; do not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"

say() { printf '\n==> %s\n' "$*" >&2; }

# Root runs apt directly; others need sudo.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The wasm-bindgen version pinned in Cargo.lock (the CLI must match it exactly).
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# Installs what building the site needs, skipping what is already at the right version.
install_build_tools() {
  local t0=$SECONDS
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 7 minutes on 2 cores)"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install "trunk@$TRUNK_VERSION" --locked
  fi
  if ! rustup component list --installed | grep -q '^rust-src'; then
    say "adding the rust-src component (the light program builds its std)"
    rustup component add rust-src
  fi
  local wbg; wbg="$(wasm_bindgen_version)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ] \
     || [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
    say "installing wasm-bindgen-cli $wbg (about 4 minutes)"
    # Not --locked: its lockfile pins a crate version the registry no longer has.
    cargo install "wasm-bindgen-cli@$wbg"
  fi
  say "build tools ready ($((SECONDS - t0)) s)"
}

# Installs what the test suites need: Debian chromium + chromedriver, npm packages.
install_test_tools() {
  local t0=$SECONDS
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
     || ! command -v pdftotext >/dev/null; then
    say "installing chromium, chromium-driver and poppler-utils from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver poppler-utils >/dev/null
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ] \
     || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
    say "installing playwright-core and axe-core (npm ci)"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
  say "test tools ready ($((SECONDS - t0)) s)"
}

# Builds a light program with `features` into dist/<folder>/. Its std is built with it
# (-Zbuild-std, allowed on this stable toolchain by RUSTC_BOOTSTRAP) so that a panic aborts
# at once instead of formatting a message: 24 KB gzip less (docs/performance.md). If that
# build fails (another toolchain), the plain one, larger (the size test then says so).
build_light() {
  local folder=$1 features=$2 target="target/$1"
  say "building the light program $folder ($features) into dist/$folder/"
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
    cargo build --release --quiet --target wasm32-unknown-unknown -Z build-std=std,panic_abort \
    --features "$features" --target-dir "$target" \
  || { say "warning: the small build of $folder failed; building it as usual (larger)"
       cargo build --release --quiet --offline --target wasm32-unknown-unknown --features "$features" --target-dir "$target"; }
  wasm-bindgen --target web --no-typescript --out-dir "dist/$folder" \
    "$target/wasm32-unknown-unknown/release/safeguarding-dashboard.wasm" 2>/dev/null
}

# The site's programs into dist/ (trunk's shell, app and styles, and the light programs),
# with no tool downloads. They do not depend on the data: `build_data` adds it.
build_programs() {
  say "building the release programs into dist/"
  cargo fetch --locked --quiet
  trunk build --release --offline
  # The light programs of prerendered pages (src/web/light.rs): the same crate with the
  # `light` feature (embeds), `light,pages` (indicator pages) and `light,lists` (the home
  # page, theme overviews and scorecards) and `light,check` (the data page: it loads and
  # checks every data file), so each holds only its
  # pages' components. Their own target folder, so trunk's build is not invalidated.
  build_light light light
  build_light light-pages light,pages
  build_light light-lists light,lists
  build_light light-check light,check
  build_light light-checker light,checker
}

# The data steps into a built dist/: slices of the official files of DATA (default data/;
# trunk copied data/ into dist/data, another folder is copied here) and every page.
build_data() {
  local data=${1:-data}
  if [ "$data" != data ]; then
    rm -rf dist/data && cp -r "$data" dist/data
  fi
  # The build step: per-area slices of the official files and areas.csv (src/build).
  say "writing per-area slices of the official files into dist/data/"
  cargo run --release --quiet --offline -- slice "$data" dist/data
  # The same Yew components, rendered natively: a real index.html per page (src/web/prerender.rs).
  say "prerendering the partnerships' pages into dist/"
  cargo run --release --quiet --offline -- pages dist
}

# Release build of the site into dist/, with no tool downloads.
build_site() {
  local t0=$SECONDS
  say "building the release site into dist/"
  build_programs
  build_data data
  say "built dist/ in $((SECONDS - t0)) s ($(du -sh dist | cut -f1))"
}
