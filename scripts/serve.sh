#!/usr/bin/env bash
# Installs what is missing, builds the release site into dist/ and serves it on 127.0.0.1.
# Usage: scripts/serve.sh [PORT]   (default 8080)
source "$(dirname "$0")/lib.sh"
PORT="${1:-${PORT:-8080}}"
install_build_tools
build_site
say "serving dist/ at http://127.0.0.1:$PORT/  (Ctrl-C to stop)"
echo "http://127.0.0.1:$PORT/"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
