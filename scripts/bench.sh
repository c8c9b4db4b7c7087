#!/usr/bin/env bash
# Benchmarks, by hand (not part of scripts/test.sh): builds the release site, serves it on
# 127.0.0.1 and measures in headless Chromium (tests/e2e/bench.mjs):
#   1. bytes transferred before the first chart is drawn (raw and gzip)
#   2. navigation → first chart, cold cache, with and without 4× CPU throttling
#   3. parsing and indexing the generated 1,000,000-row file in the page, and MB/s
#   4. re-render after a comparator toggle on a 12-series chart (p50, p95)
#   5. JS heap and WebAssembly memory once the big file is loaded
# then runs the native benchmarks (cargo bench --bench core), and writes every figure to
# docs/performance.md (between its bench:start/bench:end markers).
#
#   scripts/bench.sh [RUNS]        RUNS per browser measure (default 5)
#
# Generates target/big-data/ (228 MB, never committed) when it is missing or older than
# its generator. Takes about 5 minutes on 2 cores once the tools are installed.
source "$(dirname "$0")/lib.sh"
RUNS="${1:-5}"
T0=$SECONDS

install_build_tools && install_test_tools

# The same build as scripts/serve.sh and scripts/test.sh (trunk, then the slices).
build_site

if [ ! -f target/big-data/site.json ] || [ examples/gen_big_data.rs -nt target/big-data/site.json ]; then
  say "generating target/big-data/ (1,000,000 rows)"
  nice -n 10 cargo run --quiet --release --example gen_big_data -- target/big-data 1000000
fi

say "native benchmarks (cargo bench --bench core)"
NATIVE="$(mktemp)"
nice -n 10 cargo bench --quiet --bench core 2>&1 | tee "$NATIVE"

say "browser benchmarks ($RUNS runs each)"
(cd tests/e2e && node bench.mjs --runs "$RUNS" --native "$NATIVE")
status=$?
rm -f "$NATIVE"
say "benchmarks done in $((SECONDS - T0)) s; figures in docs/performance.md"
exit $status
