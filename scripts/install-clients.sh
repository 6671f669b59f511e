#!/usr/bin/env bash
# Install the real programs that `make test-clients` drives, on Debian 12 as root.
#
# Idempotent: installs only what is missing, so a second run takes about a second.
#   - LibreOffice Calc (soffice), poppler-utils (pdfinfo, pdftotext, pdftoppm), Chromium;
#   - a Java runtime for the Nu HTML Checker (vnu.jar);
#   - Pango, which WeasyPrint needs for `nvap build -f pdf`;
#   - the pinned npm packages of package-lock.json (axe-core, playwright-core, vnu-jar).
# Never runs `npx playwright install`: Playwright drives Debian's /usr/bin/chromium.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=()
command -v soffice >/dev/null 2>&1 || packages+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || packages+=(poppler-utils)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
# WeasyPrint (nvap build -f pdf) draws text with Pango.
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0' || packages+=(libpango-1.0-0 libpangoft2-1.0-0)

if [ "${#packages[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-clients: missing ${packages[*]}; run this script as root" >&2
        exit 1
    fi
    echo "install-clients: installing ${packages[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    echo "install-clients: npm ci"
    # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime
    # when none is found; the jar itself needs no install step.
    npm ci --no-audit --no-fund --ignore-scripts
    # Record the install time for the freshness check above.
    touch node_modules
fi

echo "install-clients: ready (soffice, pdftoppm, chromium, java, node_modules)"
