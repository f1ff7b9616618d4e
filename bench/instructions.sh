#!/bin/sh
# Instructions per event under callgrind (issue 17; see README "Instruction counts"):
#   sh instructions.sh [who…]   (who: finhooks octokit stripe floor; default all)
# Bundles src/instructions.ts with esbuild (no tsx start-up under valgrind), signs the pool, then for each runner
# counts a run of 0 and of $N measured deliveries (both after the same $WARMUP deliveries) and prints the difference / N.
# The warm-up (default 12,000) holds the first major GC after start-up in both runs (with 3,000 it fell in one
# run's window only, ~7 k instructions per finhooks event that a long-running server pays about once) and fills
# finhooks' memory store past its 10,000 entries, so the measured events evict as a busy server's do (README).
# node runs with --single-threaded (NODE_FLAGS): with V8's compiler and GC threads the count depended on
# how valgrind scheduled them (the same bundle gave 83k and 111k for the floor); without them it repeats within 1-3 %.
set -e
cd "$(dirname "$0")"
N=${N:-10000}
export WARMUP=${WARMUP:-12000}
NODE_FLAGS=${NODE_FLAGS:---single-threaded}
OUT=${OUT:-/tmp/finhooks-instructions}
mkdir -p "$OUT"
# Built packages are bundled as they are: run `pnpm turbo run build --filter=@finhooks/core` first.
# BUNDLE=<file.mjs> reuses a bundle made before (e.g. of the previous build, to compare).
sh bundle-node.sh src/instructions.ts "$OUT/instructions.mjs"
BUNDLE=${BUNDLE:-$OUT/instructions.mjs}
count() {
  valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file="$OUT/$(basename "$BUNDLE" .mjs).$1.$2.out" \
    node $NODE_FLAGS "$BUNDLE" "$1" "$2" "$OUT/pool.json" 2>&1 | sed -n 's/.*Collected : //p'
}
for who in ${@:-finhooks octokit stripe floor}; do
  # Signed just before (stripe refuses a signature older than 300 s), outside valgrind.
  POOL=${POOL:-$((WARMUP + N))} node "$OUT/instructions.mjs" prepare 0 "$OUT/pool.json"
  base=$(count "$who" 0)
  full=$(count "$who" "$N")
  echo "$who $(( (full - base) / N )) instructions/event (N=$N)"
done
