#!/usr/bin/env bash
# Installs what planbook needs on a fresh Debian machine: system libraries via
# apt-get (only when missing) and a local .venv with the Python packages.
#   scripts/setup.sh          what `make booklet` needs
#   scripts/setup.sh --test   plus what `make test` needs
set -euo pipefail
cd "$(dirname "$0")/.."

# WeasyPrint's libraries, python venv, Ghostscript (print: CMYK profile, PDF/X-1a), git (rounds).
APT_BUILD="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig python3-venv ghostscript git"
# Tests: pdftoppm/pdftotext, Ghostscript, LibreOffice (opens the DOCX), the fonts for LibreOffice.
APT_TEST="poppler-utils libreoffice-writer-nogui fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho"

want="$APT_BUILD"
[ "${1:-}" = "--test" ] && want="$want $APT_TEST"

missing=""
for pkg in $want; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "Debian パッケージを入れます:$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "Python の仮想環境 .venv を作ります"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.planbook-installed
extra=""
[ "${1:-}" = "--test" ] && extra="[test]"
base="$(sha256sum pyproject.toml | cut -c1-16)"
key="$base$extra"
if [ ! -f "$stamp" ] || ! grep -qx -- "$key" "$stamp"; then
  echo "Python のパッケージを .venv に入れます"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extra"
  printf '%s\n%s\n' "$base" "$key" > "$stamp"
fi
