#!/usr/bin/env bash
# Install the Debian packages drafter needs outside Python, where missing:
#   - Pango (WeasyPrint lays out text with it)
#   - fonts-liberation2 (Liberation Serif: metric-compatible with Times New Roman,
#     full Vietnamese coverage; the PDF embeds it)
#   - poppler-utils (pdftoppm/pdftotext, to look at PDFs as a reviewer would)
# LibreOffice is optional (a reference engine for the benchmark and a few
# round-trip tests); it is not installed here.
set -euo pipefail

need=()
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so" || need+=(libharfbuzz-subset0)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "drafter: installing system packages: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "drafter: cannot install ${need[*]}: not root and no sudo." >&2
  echo "Ask an administrator to run: apt-get install -y ${need[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "drafter: this is not a Debian/Ubuntu system; install the equivalents of: ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
if ! $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then
  echo "drafter: apt-get could not install ${need[*]}; install them and run make again." >&2
  exit 1
fi
