#!/usr/bin/env bash
# Installs what `npm run test:e2e` needs: Debian's chromium (driven by playwright-core) and
# code-server (VS Code 1.99.3 as a server + web workbench). code-server lives in a cache dir,
# not in the repo's package.json: it is large and only the real-editor tests use it.
# Idempotent: a second run only checks what is already there.
set -euo pipefail

CODE_SERVER_VERSION=4.99.4
# @vscode/ripgrep version that code-server 4.99.4 depends on, and the rg release it fetches.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_RELEASE=v13.0.0-10
# fonts-wqy-microhei: CJK glyphs, so the screenshots of the Chinese pass show the characters
# (Debian's chromium has no CJK font of its own; without one they are drawn as boxes).
# libvirt-clients: virsh, for the live definitions on libvirt's test driver.
APT_PACKAGES=(chromium fonts-liberation fonts-wqy-microhei ripgrep libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev libvirt-clients)

CACHE="${LIBVIRT_XML_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/libvirt-xml-e2e}"
PREFIX="$CACHE/code-server"
STAMP="$PREFIX/.installed-$CODE_SERVER_VERSION"

log() { printf 'install-e2e: %s\n' "$*"; }

bash "$(dirname "$0")/apt-install.sh" "${APT_PACKAGES[@]}"

if [ -f "$STAMP" ] && [ -x "$PREFIX/node_modules/.bin/code-server" ]; then
  log "code-server $CODE_SERVER_VERSION already in $PREFIX"
  exit 0
fi

# A half-finished earlier attempt (no stamp) is thrown away rather than trusted.
rm -rf "$PREFIX"
mkdir -p "$PREFIX" "$CACHE/tmp"

case "$(uname -m)" in
  x86_64) rg_target=x86_64-unknown-linux-musl ;;
  aarch64) rg_target=aarch64-unknown-linux-musl ;;
  *) echo "install-e2e: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac
# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this file in its
# cache under $TMPDIR; Debian's rg stands in for it so the install needs no GitHub access.
rg_cache="$CACHE/tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$rg_cache"
tar -czf "$rg_cache/ripgrep-$RIPGREP_RELEASE-$rg_target.tar.gz" -C "$(dirname "$(command -v rg)")" rg

log "npm install code-server@$CODE_SERVER_VERSION into $PREFIX"
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which must not stop to ask.
# --unsafe-perm: code-server's postinstall refuses to run as root without it.
# Run from $PREFIX so the repo's own npm config and package.json stay out of it.
(
  cd "$PREFIX"
  TMPDIR="$CACHE/tmp" npm_config_yes=true npm install --prefix "$PREFIX" \
    --unsafe-perm --foreground-scripts --no-audit --no-fund \
    "code-server@$CODE_SERVER_VERSION"
)
installed=$(node -p "require('$PREFIX/node_modules/code-server/package.json').version")
if [ "$installed" != "$CODE_SERVER_VERSION" ]; then
  echo "install-e2e: expected code-server $CODE_SERVER_VERSION, got $installed" >&2
  exit 1
fi
touch "$STAMP"
log "done: $PREFIX/node_modules/.bin/code-server"
