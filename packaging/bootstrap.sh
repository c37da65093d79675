#!/usr/bin/env bash
# Set up everything annotator needs on Debian or Ubuntu, then open the app or run the tests.
#
#   bash packaging/bootstrap.sh run [DB]    system libraries, virtual environment, the app
#   bash packaging/bootstrap.sh test [ARGS] the same for the tests, then lint + whole suite
#
# System packages are installed only when missing, and only when permitted (root, or sudo);
# otherwise the exact command to run is printed. Nothing else on the machine is touched: the
# Python packages go into .venv (ANNOTATOR_VENV to put it elsewhere).
set -euo pipefail

cd "$(dirname "$0")/.."
VENV=${ANNOTATOR_VENV:-.venv}
TARGET=${1:-}
shift || true

say() { printf 'bootstrap: %s\n' "$*" >&2; }

# Shared libraries Qt loads, each with the Debian/Ubuntu package that provides it. Checked by
# soname rather than package name because names differ across releases (libglib2.0-0t64).
BASE_LIBS=(
  "libEGL.so.1 libegl1" "libGL.so.1 libgl1" "libX11.so.6 libx11-6"
  "libdbus-1.so.3 libdbus-1-3" "libfontconfig.so.1 libfontconfig1"
  "libfreetype.so.6 libfreetype6" "libglib-2.0.so.0 libglib2.0-0"
  "libxkbcommon.so.0 libxkbcommon0"
)
# A real window (the xcb platform plugin) needs these as well.
WINDOW_LIBS=(
  "libxcb-cursor.so.0 libxcb-cursor0" "libxcb-icccm.so.4 libxcb-icccm4"
  "libxcb-image.so.0 libxcb-image0" "libxcb-keysyms.so.1 libxcb-keysyms1"
  "libxcb-render-util.so.0 libxcb-render-util0" "libxcb-render.so.0 libxcb-render0"
  "libxcb-shape.so.0 libxcb-shape0" "libxcb-util.so.1 libxcb-util1"
  "libxcb-xkb.so.1 libxcb-xkb1" "libxkbcommon-x11.so.0 libxkbcommon-x11-0"
)

ldcache() { { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; }; }

missing_libs() {  # prints the packages whose library is absent
  local cache entry
  cache=$(ldcache)
  for entry in "$@"; do
    set -- $entry
    grep -q "[[:space:]]$1 " <<<"$cache" || printf '%s\n' "$2"
  done
}

# No pipe into grep -q: under pipefail, fc-list dies of SIGPIPE when grep stops early, and a
# machine with many fonts would then look like it has none.
has_font() { [ -n "$(fc-list "$1" family 2>/dev/null)" ]; }

find_python() {  # the first Python >= 3.11 with venv support, if any
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' \
         2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

python_packages() {  # what to install when no usable Python is found
  if command -v python3 >/dev/null &&
     python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "python3-venv"  # the right Python, without venv/ensurepip (Debian splits it out)
  elif command -v python3 >/dev/null; then
    echo "python3.11 python3.11-venv"  # e.g. Ubuntu 22.04, whose python3 is 3.10
  else
    echo "python3 python3-venv"
  fi
}

install_system_packages() {
  local packages=("$@") sudo=""
  [ ${#packages[@]} -eq 0 ] && return 0
  local command="apt-get update && apt-get install -y --no-install-recommends ${packages[*]}"
  if ! command -v apt-get >/dev/null; then
    say "missing system packages (Debian/Ubuntu names): ${packages[*]}; install them with your package manager"
    exit 2
  fi
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
      sudo="sudo"
    else
      say "missing system packages; install them as root, then run this again:"
      if command -v sudo >/dev/null; then
        printf '  sudo sh -c "%s"\n' "$command" >&2
      else
        printf '  su -c "%s"\n' "$command" >&2
      fi
      exit 2
    fi
  fi
  say "installing system packages: ${packages[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${packages[@]}" >/dev/null
}

system_setup() {
  local need=() python
  python=$(find_python) || need+=($(python_packages))
  need+=($(missing_libs "${BASE_LIBS[@]}"))
  # fc-list is in the fontconfig package, which libfontconfig1 does not pull in.
  command -v fc-list >/dev/null || need+=(fontconfig)
  has_font "DejaVu Sans" || need+=(fonts-dejavu-core)
  # The team hub's tests start their own PostgreSQL server from the Debian package's binaries.
  if [ "$TARGET" = test ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null &&
     ! command -v initdb >/dev/null; then
    need+=(postgresql)
  fi
  if [ "$TARGET" = run ]; then
    need+=($(missing_libs "${WINDOW_LIBS[@]}"))
    has_font "Amiri" || need+=(fonts-hosny-amiri)  # a Naskh face made for reading Arabic
  fi
  install_system_packages "${need[@]}"
}

venv_setup() {
  local extras=$1 python stamp want have
  python=$(find_python) || { say "no Python >= 3.11 with venv support found"; exit 2; }
  stamp="$VENV/.installed"
  want="$extras $(cksum <pyproject.toml)"
  have=$(cat "$stamp" 2>/dev/null || true)
  [ "$have" = "[test]$want" ] && return 0  # the test set-up already holds what run needs
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the virtual environment in $VENV"
    "$python" -m venv "$VENV"
  fi
  if [ "$have" != "$want" ]; then
    say "installing Python packages into $VENV (the first time takes a few minutes)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q --upgrade pip
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -e ".$extras"
    printf '%s' "$want" >"$stamp"
  fi
}

case "$TARGET" in
  run)
    system_setup
    venv_setup ""
    exec "$VENV/bin/annotator" "$@"
    ;;
  test)
    system_setup
    venv_setup "[test]"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    say "usage: bash packaging/bootstrap.sh run [DB] | test [PYTEST ARGS]"
    exit 2
    ;;
esac
