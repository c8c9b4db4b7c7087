#!/usr/bin/env bash
# Installs what the tests need and runs every suite:
#   1. native  - cargo test (pure core: parsing, validation, scales, SVG rendering, real data)
#   2. wasm    - wasm-bindgen-test components in headless Chromium
#   3. e2e     - Playwright + axe-core against the built dist/ on 127.0.0.1 (incl. bundle size)
# Ends with one line "N passed, N failed" over all suites; exits non-zero on any failure.
source "$(dirname "$0")/lib.sh"
set +e
LOGS="$(mktemp -d)"
PASSED=0; FAILED=0; SUMMARY=()

# Sums "test result: ... N passed; M failed" lines (cargo and wasm-bindgen-test-runner).
count_cargo() {
  awk '/test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { printf "%d %d\n", p, f }' "$1"
}
record() { # name passed failed exit-status
  local p=$2 f=$3
  if [ "$4" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # a suite that could not run counts as a failure
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SUMMARY+=("$1: $p passed, $f failed")
}

T0=$SECONDS
install_build_tools && install_test_tools
SETUP=$?
if [ $SETUP -ne 0 ]; then echo "setup failed"; echo "0 passed, 1 failed"; exit 1; fi

say "suite 1/3: native (cargo test)"
cargo test --release --no-fail-fast 2>&1 | tee "$LOGS/native.log"
status=${PIPESTATUS[0]}
record native $(count_cargo "$LOGS/native.log") "$status"

say "suite 2/3: wasm components in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release --target wasm32-unknown-unknown --test web_components 2>&1 | tee "$LOGS/wasm.log"
status=${PIPESTATUS[0]}
record wasm $(count_cargo "$LOGS/wasm.log") "$status"

say "suite 3/3: end-to-end against dist/"
build_site 2>&1 | tee "$LOGS/build.log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  record e2e 0 1 "$status"
else
  (cd tests/e2e && node --test --test-reporter=tap --test-concurrency=1 .) 2>&1 | tee "$LOGS/e2e.log"
  status=${PIPESTATUS[0]}
  p=$(awk '/^# pass / { print $3 }' "$LOGS/e2e.log" | tail -1); f=$(awk '/^# fail / { print $3 }' "$LOGS/e2e.log" | tail -1)
  record e2e "${p:-0}" "${f:-0}" "$status"
  grep -h '# bundle:' "$LOGS/e2e.log" | sed 's/^# *\\\?# /  /' || true
fi

echo
for line in "${SUMMARY[@]}"; do echo "  $line"; done
echo "  screenshots: tests/e2e/artifacts/   total time: $((SECONDS - T0)) s"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
