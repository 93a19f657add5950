#!/usr/bin/env bash
# Fetch the third-party sources pinned in cmake/deps.lock into a git-ignored cache.
#
#   scripts/fetch-deps.sh [CACHE_DIR]      (default: .cache/deps beside this repo)
#
# Each source is downloaded from a registry this machine reaches (Debian source
# packages, the npm registry), checked against its SHA-256, and unpacked to
# CACHE_DIR/src/NAME-VERSION. A source already unpacked and verified is skipped, so a
# second run does nothing. CMake runs this at configure time.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
lock="$here/cmake/deps.lock"
cache=${1:-$here/.cache/deps}
mkdir -p "$cache/archives" "$cache/src"

die() { echo "fetch-deps: $*" >&2; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# Debian source packages need deb-src lines. We add them for the releases that carry
# our pins; the version is then chosen by the orig tarball it lists, so a new Debian
# revision of the same upstream release never breaks a pin.
ensure_deb_src() {
  local list=/etc/apt/sources.list.d/logbook-src.sources
  [ -f "$list" ] && return 0
  [ "$(id -u)" = 0 ] || die "Debian source packages need deb-src lines; run as root once, or create $list (see scripts/bootstrap.sh)."
  cat >"$list" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie forky sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt-get update -qq >/dev/null || die "apt-get update failed after adding $list; check the network to deb.debian.org."
}

# The source package version whose file list names `file` (compared as a literal string:
# file names hold regex characters such as '+'). awk reads to the end: leaving early
# would kill apt-cache with SIGPIPE, which pipefail turns into a failure.
version_listing() { # package file
  apt-cache showsrc "$1" 2>/dev/null | awk -v f=" $2" '
    /^Version:/ { v = $2 }
    !found && length($0) >= length(f) && substr($0, length($0) - length(f) + 1) == f { print v; found = 1 }'
}

fetch_debian() { # package file dest
  local pkg=$1 file=$2 dest=$3 version tmp
  ensure_deb_src
  version=$(version_listing "$pkg" "$file")
  if [ -z "$version" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    version=$(version_listing "$pkg" "$file")
  fi
  [ -n "$version" ] || die "no Debian source package '$pkg' lists $file. Check deb-src lines for trixie, forky and sid in /etc/apt/sources.list.d/logbook-src.sources, or place the file in $cache/archives by hand."
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq --download-only --tar-only "$pkg=$version" >/dev/null 2>&1) ||
    { rm -rf "$tmp"; die "apt-get source $pkg=$version failed (network to deb.debian.org?)."; }
  [ -f "$tmp/$file" ] || { rm -rf "$tmp"; die "apt-get source $pkg=$version did not produce $file."; }
  mv "$tmp/$file" "$dest"
  rm -rf "$tmp"
}

fetch_npm() { # package@version file dest
  local spec=$1 file=$2 dest=$3 tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null 2>&1) ||
    { rm -rf "$tmp"; die "npm pack $spec failed (network to registry.npmjs.org?)."; }
  [ -f "$tmp/$file" ] || { rm -rf "$tmp"; die "npm pack $spec did not produce $file."; }
  mv "$tmp/$file" "$dest"
  rm -rf "$tmp"
}

# Unpack into src/NAME-VERSION with the archive's top folder stripped. For the npm
# tarball we keep only the SQLite amalgamation.
unpack() { # archive dest name
  local archive=$1 dest=$2 name=$3 tmp
  tmp=$(mktemp -d "$cache/src/.unpack.XXXXXX")
  if [ "$name" = sqlite ]; then
    tar xzf "$archive" -C "$tmp" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h package/deps/sqlite3/sqlite3ext.h
    mkdir -p "$tmp/out" && mv "$tmp"/package/deps/sqlite3/* "$tmp/out/"
  else
    tar xf "$archive" -C "$tmp"
    mv "$tmp"/*/ "$tmp/out"
  fi
  rm -rf "$dest"
  mv "$tmp/out" "$dest"
  rm -rf "$tmp"
}

while read -r name version registry package file sha; do
  case "$name" in ''|'#'*) continue ;; esac
  dest="$cache/src/$name-$version"
  stamp="$dest/.logbook-sha256"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sha" ]; then continue; fi

  archive="$cache/archives/$file"
  if [ ! -f "$archive" ] || [ "$(sha_of "$archive")" != "$sha" ]; then
    rm -f "$archive"
    echo "fetch-deps: downloading $name $version ($registry: $package)" >&2
    case "$registry" in
      debian) fetch_debian "$package" "$file" "$archive" ;;
      npm) fetch_npm "$package" "$file" "$archive" ;;
      *) die "cmake/deps.lock: unknown registry '$registry' for $name" ;;
    esac
  fi
  actual=$(sha_of "$archive")
  if [ "$actual" != "$sha" ]; then
    rm -f "$archive"
    die "$name $version: $file has SHA-256 $actual, expected $sha (cmake/deps.lock). The download was removed; if the pin is wrong, fix cmake/deps.lock."
  fi
  unpack "$archive" "$dest" "$name"
  echo "$sha" >"$stamp"
  echo "fetch-deps: $name $version ready in $dest" >&2
done <"$lock"
