#!/usr/bin/env bash
# Installs Debian's Chromium for the web UI's browser tests, if missing.
# Idempotent; needs root (CI runs as root) and the Debian package mirror.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-browser: chromium missing and not root; install Debian's 'chromium' package" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
command -v chromium >/dev/null
