#!/usr/bin/env bash
# A dashboard for another partnership, in one step (README.md, "A dashboard for another
# partnership"):
#   scripts/new-site.sh CONFIG OUT [serve [PORT]]
# checks CONFIG (sites/northumberland.json: name, authorities' GSS codes, logo, colours),
# writes OUT/data/ (the official files only, with its own site.json and scorecards.json,
# checked as `check` does) and builds OUT/dist/ from the programs already built in dist/
# (building them first if dist/ has none), with the data steps `slice` and `pages`.
# With `serve`, then serves OUT/dist/ on 127.0.0.1 (default port 8080).
HERE="$PWD"
source "$(dirname "$0")/lib.sh"
if [ $# -lt 2 ]; then
  echo "usage: scripts/new-site.sh CONFIG OUT [serve [PORT]]" >&2
  exit 2
fi
abs() { case "$1" in /*) echo "$1" ;; *) echo "$HERE/$1" ;; esac; }
CONFIG="$(abs "$1")"; OUT="$(abs "$2")"
say "building the data steps (cargo build --release)"
cargo build --release --quiet --offline
if [ ! -f dist/index.html ] || [ ! -f dist/safeguarding-dashboard_bg.wasm ] || [ ! -d dist/light-lists ]; then
  say "dist/ has no built programs: building them once (they do not depend on the data)"
  install_build_tools
  build_programs
fi
say "making the site for $1 into $2"
target/release/safeguarding-dashboard new-site "$CONFIG" "$OUT" --data data --dist dist
if [ "${3:-}" = serve ]; then
  PORT="${4:-8080}"
  say "serving $2/dist at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
  echo "http://127.0.0.1:$PORT/"
  exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$OUT/dist"
fi
