#!/usr/bin/env bash
# Fuzzes the parser and validator with cargo-fuzz (libFuzzer, nightly): run for a few
# minutes by hand, not in CI.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 60)
#
# Targets (fuzz/fuzz_targets/): data_file (bytes as a data file against fixed valid meta
# files), meta_file (bytes as a meta file), site_config (bytes as site.json). The corpus is
# seeded from data/ on every run into fuzz/corpus/<target>/ (gitignored); crashes are written
# to fuzz/artifacts/<target>/ (gitignored). Reproduce one with
#   cargo +nightly fuzz run <target> fuzz/artifacts/<target>/crash-...
# then add a native test for it to tests/fuzz_regressions.rs.
# Installs cargo-fuzz if missing (a few minutes). FUZZ_SANITIZER=address turns ASan on
# (off by default: the core has no unsafe code, and it halves the speed).
source "$(dirname "$0")/lib.sh"

SECONDS_PER_TARGET="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(data_file meta_file site_config)

if ! rustup toolchain list | grep -q '^nightly'; then
  say "installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
  say "installing cargo-fuzz (a few minutes)"
  cargo install cargo-fuzz --locked
fi

say "seeding fuzz/corpus/ from data/"
for t in "${TARGETS[@]}"; do mkdir -p "fuzz/corpus/$t"; done
for f in data/*.csv; do
  case "$f" in
    *.meta.csv) [ -d fuzz/corpus/meta_file ] && cp "$f" fuzz/corpus/meta_file/ ;;
    *) [ -d fuzz/corpus/data_file ] && cp "$f" fuzz/corpus/data_file/ ;;
  esac
done
[ -d fuzz/corpus/site_config ] && cp data/site.json fuzz/corpus/site_config/
# Short seeds too: libFuzzer rarely shrinks a long seed down to a header or a single row.
if [ -d fuzz/corpus/data_file ]; then
  head -n 1 data/cla-rate.csv > fuzz/corpus/data_file/cla-rate-header.csv
  head -n 2 data/cla-rate.csv > fuzz/corpus/data_file/cla-rate-row.csv
fi
if [ -d fuzz/corpus/data_file ]; then
  # The first rows of a generated big-data file match the target's second meta file.
  gen="$ROOT/target/fuzz-seed"
  rm -rf "$gen"
  if cargo run --quiet --example gen_big_data -- "$gen" 1630 >/dev/null; then
    for f in "$gen"/*.csv; do
      case "$f" in
        *.meta.csv) [ -d fuzz/corpus/meta_file ] && cp "$f" fuzz/corpus/meta_file/ ;;
        *) head -n 60 "$f" > fuzz/corpus/data_file/gen_big_data-head.csv ;;
      esac
    done
  fi
fi

status=0
for t in "${TARGETS[@]}"; do
  say "fuzzing $t for ${SECONDS_PER_TARGET}s"
  nice -n 10 cargo +nightly fuzz run --fuzz-dir fuzz --sanitizer "${FUZZ_SANITIZER:-none}" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    || { status=1; say "$t FAILED: see fuzz/artifacts/$t/"; }
done
[ $status -eq 0 ] && say "no crash in ${#TARGETS[@]} target(s) × ${SECONDS_PER_TARGET}s"
exit $status
