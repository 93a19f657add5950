#!/usr/bin/env bash
# The action's download step (scripts/action/get-logbook.sh) against a release laid out
# as GitHub serves it (file:// instead of https://github.com): the binary of the action's
# own version is used once its SHA-256 matches; a tampered package is refused and never
# run; a version without a release, or a branch, falls back to a source build.
#   tests/package/action_download.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "action download: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A release v9.8.7 of acme/logbook whose "binary" says who it is.
release="$tmp/releases/acme/logbook/releases/download/v9.8.7"
mkdir -p "$release" "$tmp/pkg/logbook-9.8.7-linux-x86_64/bin"
printf '#!/bin/sh\necho "logbook 9.8.7 $*"\n' >"$tmp/pkg/logbook-9.8.7-linux-x86_64/bin/logbook"
chmod +x "$tmp/pkg/logbook-9.8.7-linux-x86_64/bin/logbook"
tar czf "$release/logbook-9.8.7-linux-x86_64.tar.gz" -C "$tmp/pkg" logbook-9.8.7-linux-x86_64
(cd "$release" && sha256sum logbook-9.8.7-linux-x86_64.tar.gz >logbook-9.8.7-linux-x86_64.tar.gz.sha256)
# The action as the runner keeps it: _actions/OWNER/REPO/REF.
action="$tmp/_actions/acme/logbook/v9.8.7"
mkdir -p "$action/scripts/action"
cp "$here/scripts/action/get-logbook.sh" "$action/scripts/action/"

get() { # [VAR=value...]: runs the step; its outputs are in $tmp/out
  : >"$tmp/out"
  env GITHUB_OUTPUT="$tmp/out" RUNNER_TEMP="$tmp/runner" LOGBOOK_RELEASES="file://$tmp/releases" \
    LOGBOOK_ACTION_PATH="$action" "$@" bash "$action/scripts/action/get-logbook.sh" >"$tmp/log" 2>&1
}

get || fail "the release was not taken: $(cat "$tmp/log")"
grep -qx "found=true" "$tmp/out" || fail "found=true missing: $(cat "$tmp/out")"
binary=$(sed -n 's/^binary=//p' "$tmp/out")
[ "$("$binary" --help)" = "logbook 9.8.7 --help" ] || fail "$binary is not the release's binary"

# github.action_ref, when the runner sets it, wins over the folder's name; so does `version`.
get LOGBOOK_VERSION=v1.0.0 || true
grep -qx "found=false" "$tmp/out" || fail "a version without a release did not fall back to a source build"
grep -q "No release v1.0.0 of acme/logbook" "$tmp/log" || fail "the fallback is not said: $(cat "$tmp/log")"
grep -q "^source-build=$tmp/runner/logbook/source-build$" "$tmp/out" || fail "no source-build folder: $(cat "$tmp/out")"
get LOGBOOK_ACTION_REF=main || fail "a branch did not fall back"
grep -q "^version=main-" "$tmp/out" || fail "a branch's source build is not keyed by its sources: $(cat "$tmp/out")"

# A package that does not match its sum is refused, and nothing is run.
rm -rf "$tmp/runner"
echo "tampered" >>"$release/logbook-9.8.7-linux-x86_64.tar.gz"
if get; then fail "a tampered package was accepted"; fi
grep -q "does not match its SHA-256" "$tmp/log" || fail "the refusal does not say why: $(cat "$tmp/log")"
! grep -q "found=true" "$tmp/out" || fail "a tampered package was offered as the binary"
[ ! -e "$tmp/runner/logbook/v9.8.7/bin/logbook" ] || fail "a tampered package was unpacked"
echo "action download: passed"
