#!/bin/sh
# Server instructions per HTTP request under callgrind (issue 17; see README "Instruction counts"):
#   sh instructions-http.sh [mode…]   (mode: finhooks octokit bare; default all)
# Bundles the bench's node:http server (src/server.ts) and the driver (src/instructions-http.ts) with esbuild;
# the driver runs the server under valgrind twice per mode (0 and $N measured requests after $WARMUP) and
# prints the difference / N. Built packages are bundled as they are: build @finhooks/core first.
# The server runs --single-threaded --no-memory-reducer (NODE_FLAGS; see README).
set -e
cd "$(dirname "$0")"
export N=${N:-4000} WARMUP=${WARMUP:-12000} OUT=${OUT:-/tmp/finhooks-instructions}
mkdir -p "$OUT"
sh bundle-node.sh src/server.ts "$OUT/server.mjs"
sh bundle-node.sh src/instructions-http.ts "$OUT/instructions-http.mjs"
node "$OUT/instructions-http.mjs" "${SERVER:-$OUT/server.mjs}" "$@"
