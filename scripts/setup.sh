#!/usr/bin/env bash
# Installs what planbook needs on a fresh Debian machine: system libraries via
# apt-get (only when missing) and a local .venv with the Python packages.
#   scripts/setup.sh          what `make booklet` needs
#   scripts/setup.sh --test   plus what `make test` needs (also Chromium, Node.js and
#                             the npm packages of package.json, for the axe-core test)
set -euo pipefail
cd "$(dirname "$0")/.."

# WeasyPrint's libraries, python venv, Ghostscript (print: CMYK profile, PDF/X-1a), git (rounds).
APT_BUILD="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig python3-venv ghostscript git"
# Tests: pdftoppm/pdftotext, Ghostscript, LibreOffice (opens the DOCX), the fonts for LibreOffice,
# Chromium (axe-core checks the HTML edition in it).
APT_TEST="poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho chromium"
# Node.js and npm (drive Chromium, install package.json): Debian's packages, only when
# no node/npm is on the PATH at all (one from elsewhere, e.g. NodeSource, is kept).
APT_NODE="nodejs npm"

want="$APT_BUILD"
[ "${1:-}" = "--test" ] && want="$want $APT_TEST"

missing=""
for pkg in $want; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ "${1:-}" = "--test" ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
  missing="$missing $APT_NODE"
fi
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
# Every installed package is also kept as a wheel here, so that a later install on
# this machine still works when the package registry cannot be reached.
if [ -n "${PLANBOOK_WHEELS:-}" ]; then WHEELS="$PLANBOOK_WHEELS"
elif [ -n "${XDG_CACHE_HOME:-}${HOME:-}" ]; then WHEELS="${XDG_CACHE_HOME:-$HOME/.cache}/planbook/wheels"
else WHEELS=/var/cache/planbook/wheels; fi
pip_install() { .venv/bin/python -m pip install -q --disable-pip-version-check "$@"; }
if [ ! -f "$stamp" ] || ! grep -qxF -- "$key" "$stamp"; then
  echo "Python のパッケージを .venv に入れます"
  if pip_install "setuptools>=68" && pip_install --no-build-isolation -e ".$extra"; then
    :
  elif [ -d "$WHEELS" ]; then
    echo "パッケージの登録所に届きません。保存してあるパッケージ（$WHEELS）から入れます"
    pip_install --no-index --find-links "$WHEELS" "setuptools>=68"
    pip_install --no-index --find-links "$WHEELS" --no-build-isolation -e ".$extra"
  else
    echo "パッケージを入れられませんでした（上のメッセージを見てください）" >&2
    exit 1
  fi
  .venv/bin/python scripts/wheelhouse.py "$WHEELS" || echo "（パッケージの保存に失敗しました。作業は続けます）" >&2
  printf '%s\n%s\n' "$base" "$key" > "$stamp"
fi

# The npm packages of the tests (package.json, versions fixed by package-lock.json):
# axe-core and puppeteer-core, which drives Debian's Chromium (it downloads no browser).
# Installed again only when package-lock.json has changed.
if [ "${1:-}" = "--test" ]; then
  nstamp=node_modules/.planbook-installed
  nkey="$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$nstamp" ] || ! grep -qxF -- "$nkey" "$nstamp"; then
    echo "テスト用の Node.js のパッケージを node_modules に入れます"
    # npm keeps what it downloads in its cache (~/.npm): without the registry, from there.
    if npm ci --no-audit --no-fund --loglevel=error; then
      :
    elif npm ci --no-audit --no-fund --loglevel=error --offline; then
      echo "（パッケージの登録所に届かないため、npm のキャッシュから入れました）"
    else
      echo "Node.js のパッケージを入れられませんでした（上のメッセージを見てください）" >&2
      exit 1
    fi
    echo "$nkey" > "$nstamp"
  fi
fi
