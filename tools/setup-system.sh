#!/usr/bin/env bash
# Install the Debian packages drafter needs outside Python, where missing:
#   - Pango (WeasyPrint lays out text with it)
#   - fonts-liberation2 (Liberation Serif: metric-compatible with Times New Roman,
#     full Vietnamese coverage; the PDF embeds it)
#   - poppler-utils (pdftoppm/pdftotext, to look at PDFs as a reviewer would;
#     pdftoppm also draws the review site's thumbnails)
# and, for the tests (never needed to build):
#   - libreoffice-writer-nogui (soffice: the reference engine for the PDF's
#     fidelity, the benchmark and the Word round-trip tests)
#   - chromium and chromium-driver (the review site's tests in a real browser)
set -euo pipefail

need=()
[ -f /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || need+=(fonts-liberation2)
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so" || need+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so" || need+=(libharfbuzz-subset0)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)

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
  echo "(LibreOffice and Chromium are needed by the tests only: soffice converts Word files" >&2
  echo " for the round-trip tests, chromium and chromedriver drive the review site's tests.)" >&2
  exit 1
fi
for tool in pdftoppm soffice chromium chromedriver; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "drafter: '$tool' is still not on PATH after installing ${need[*]}." >&2
    exit 1
  fi
done
