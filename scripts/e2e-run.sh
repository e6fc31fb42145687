#!/usr/bin/env bash
# npm run test:e2e[:electron]: runs `npm start` (production build + libvirt-xml.vsix) unless the
# newest *.vsix at the repository root is newer than everything that goes into it, compiles
# the tests and runs them against that .vsix.
# Usage: scripts/e2e-run.sh [electron] [--update-screenshot]
set -euo pipefail
cd "$(dirname "$0")/.."

runner=out/test/e2e/runCodeServer.js
if [ "${1:-}" = electron ]; then
  runner=out/test/e2e/runElectron.js
  shift
fi

newest_vsix() { ls -t -- *.vsix 2>/dev/null | head -n 1 || true; }
vsix=$(newest_vsix)
inputs=(client/src server/src schemas syntaxes package.json language-configuration.json .vscodeignore scripts/build.mjs scripts/serverCodeCache.mjs)
if [ -z "$vsix" ] || [ -n "$(find "${inputs[@]}" -newer "$vsix" -print -quit 2>/dev/null)" ]; then
  npm start
  vsix=$(newest_vsix)
fi
echo "e2e: testing $vsix"
npx --no-install tsc -p .
node "$runner" --vsix "$vsix" "$@"
