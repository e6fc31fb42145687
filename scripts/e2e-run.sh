#!/usr/bin/env bash
# npm run test:e2e[:electron]: packages the extension unless the newest *.vsix at the repository
# root is newer than every source that goes into it, compiles the tests and runs them.
# Usage: scripts/e2e-run.sh [electron] [--update-screenshot]
set -euo pipefail
cd "$(dirname "$0")/.."

runner=out/test/e2e/runCodeServer.js
if [ "${1:-}" = electron ]; then
  runner=out/test/e2e/runElectron.js
  shift
fi

vsix=$(ls -t -- *.vsix 2>/dev/null | head -n 1 || true)
if [ -z "$vsix" ] || [ -n "$(find client/src server/src schemas syntaxes package.json -newer "$vsix" -print -quit)" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  vsix="$scratch/libvirt-xml.vsix"
  node scripts/build.mjs
  npx --no-install vsce package --no-dependencies --allow-missing-repository --skip-license -o "$vsix"
fi
echo "e2e: testing $vsix"
npx --no-install tsc -p .
node "$runner" --vsix "$vsix" "$@"
