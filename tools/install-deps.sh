#!/usr/bin/env bash
# Installs what GrassrootsLedger needs and is missing: liblmdb (headers, library, pkg-config file),
# the LMDB utilities, Python's jsonschema (used by the schema-conformance tests), and what prints the
# departure audit report as PDF: headless Chromium, the Noto CJK fonts, and poppler-utils (pdftotext, which
# the tests read the PDF back with); and what drives the browser test of the web forms (tools/browser-test.py):
# chromium-driver and Python's selenium.
set -euo pipefail
missing=()
pkg-config --exists lmdb 2>/dev/null || missing+=(liblmdb-dev)
command -v mdb_stat >/dev/null 2>&1 || missing+=(lmdb-utils)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! python3 -c "import jsonschema" >/dev/null 2>&1; then
  echo "installing: python jsonschema" >&2
  python3 -m pip install --quiet jsonschema
fi
if ! python3 -c "import selenium" >/dev/null 2>&1; then
  echo "installing: python selenium" >&2
  python3 -m pip install --quiet selenium
fi
