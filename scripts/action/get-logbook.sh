#!/usr/bin/env bash
# The action's first step (action.yml): the release binary of the action's own version,
# downloaded from its GitHub release and checked against the release's SHA-256. Writes to
# GITHUB_OUTPUT: found=true and binary=PATH when it got one; otherwise found=false, the
# version that keys the cache, and source-build, the folder build-from-source.sh fills.
set -euo pipefail
output=${GITHUB_OUTPUT:-/dev/stdout}
action_path=${LOGBOOK_ACTION_PATH:?the action sets LOGBOOK_ACTION_PATH}
# github.action_ref and github.action_repository are empty in some nested composite
# actions; the runner keeps an action in _actions/OWNER/REPO/REF, which says the same.
ref=${LOGBOOK_ACTION_REF:-$(basename "$action_path")}
owner=$(basename "$(dirname "$(dirname "$action_path")")")
repository=${LOGBOOK_ACTION_REPOSITORY:-$owner/$(basename "$(dirname "$action_path")")}
version=${LOGBOOK_VERSION:-$ref}
temp=${RUNNER_TEMP:-/tmp}/logbook
releases=${LOGBOOK_RELEASES:-https://github.com}  # another host (or file://) for tests

if [ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]; then
  echo "::error title=Logbook::Logbook's action runs on Linux x86_64 (runs-on: ubuntu-latest); this runner is $(uname -s) $(uname -m)."
  exit 1
fi

if [[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  name="logbook-${version#v}-linux-x86_64.tar.gz"
  url="$releases/$repository/releases/download/$version/$name"
  dir="$temp/$version"
  mkdir -p "$dir"
  if curl -fsSL --retry 3 -o "$dir/$name" "$url" && curl -fsSL --retry 3 -o "$dir/$name.sha256" "$url.sha256"; then
    if ! (cd "$dir" && sha256sum --check --strict "$name.sha256"); then
      echo "::error title=Logbook::$name does not match its SHA-256 ($url.sha256), so it is not run. Try again; if it persists, report it."
      exit 1
    fi
    tar xzf "$dir/$name" -C "$dir" --strip-components=1
    { echo "found=true"; echo "binary=$dir/bin/logbook"; echo "version=$version"; } >>"$output"
    "$dir/bin/logbook" --help >/dev/null
    echo "Logbook $version from $url (SHA-256 checked)."
    exit 0
  fi
  echo "::warning title=Logbook::No release $version of $repository to download ($url); building Logbook from source instead (cached after the first run)."
else
  echo "::notice title=Logbook::$repository@$ref is not a release (vX.Y.Z); building Logbook from source (cached after the first run)."
fi

# A source build is cached under the version and the hash of the sources, so a branch
# that moves builds again and a release tag does not.
sources=$(cd "$action_path" && find . \( -name .git -o -name build -o -name node_modules \) -prune -o -type f -print0 |
  LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
{ echo "found=false"; echo "version=$version-$sources"; echo "source-build=$temp/source-build"
  echo "binary=$temp/source-build/logbook"; } >>"$output"
