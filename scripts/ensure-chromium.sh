#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; the PDF importer's tests print Chinese bulletins with it,
# which needs a CJK font (Debian's fonts-noto-cjk). Install what is missing (needs root and apt-get).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -qi "noto.*cjk" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "The tests need ${missing[*]}: install Debian's packages (apt-get install ${missing[*]}) or set CHROMIUM_PATH." >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the tests…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
