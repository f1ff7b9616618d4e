#!/bin/sh
# Bundles one bench entry for a plain `node` run (no tsx start-up under valgrind): ESM for node, with a
# `require` for the CommonJS dependencies bundled into it. Used by instructions.sh and instructions-http.sh.
#   sh bundle-node.sh <entry.ts> <out.mjs>
set -e
cd "$(dirname "$0")"
node_modules/.bin/esbuild "$1" --bundle --platform=node --format=esm --log-level=warning \
  --banner:js="import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" \
  --outfile="$2"
