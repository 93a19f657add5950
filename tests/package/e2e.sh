#!/usr/bin/env bash
# End to end, as a team adopting Logbook: a scratch git repository whose decision log is
# where adr-tools keeps it (doc/adr, Nygard records, a superseded one, a status the team
# made up, a template), then the packaged binary's init, check, build and search, run
# with an empty environment (env -i) so it can lean on nothing installed or configured.
#
#   tests/package/e2e.sh BINARY [--expect-app]
#   tests/package/e2e.sh --install BUILD_DIR [--expect-app]   (cmake --install into a
#                                                              temporary prefix first)
# --expect-app: the binary must have the web app compiled in (release builds).
set -euo pipefail

fail() { echo "e2e: FAIL: $*" >&2; exit 1; }
expect() { # file text: the file holds the text
  grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "$1 lacks: $2"; }
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "${1:-}" = --install ]; then
  cmake --install "$2" --prefix "$tmp/prefix" >/dev/null
  binary="$tmp/prefix/bin/logbook"
  shift 2
else
  binary=$(realpath "$1")
  shift
fi
expect_app=no
[ "${1:-}" = --expect-app ] && expect_app=yes
[ -x "$binary" ] || fail "$binary is not an executable"
logbook() { env -i "$binary" "$@"; }

repo="$tmp/widgets"
mkdir -p "$repo/doc/adr/templates"
cd "$repo"
git init -q -b trunk
git remote add origin git@github.com:acme/widgets.git
cat >doc/adr/0001-record-architecture-decisions.md <<'MD'
# 1. Record architecture decisions

Date: 2024-01-02

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.
MD
cat >doc/adr/0002-use-mysql.md <<'MD'
# 2. Use MySQL

Date: 2024-02-03

## Status

Superseded by [3. Use PostgreSQL](0003-use-postgresql.md)

## Context

We need a database.
MD
cat >doc/adr/0003-use-postgresql.md <<'MD'
# 3. Use PostgreSQL

Date: 2024-03-04

## Status

Accepted

Supersedes [2. Use MySQL](0002-use-mysql.md)
MD
cat >doc/adr/0004-split-the-monolith.md <<'MD'
# 4. Split the monolith

Date: 2024-04-05

## Status

On hold

## Context

Not before the database moved.
MD
cat >doc/adr/templates/template.md <<'MD'
# NUMBER. TITLE

Date: DATE

## Status

STATUS
MD
git add -A
git -c user.name=Ana -c user.email=ana@example.org commit -qm "Decision records"

# init: uses doc/ and its log, adds only the log's index page, reads the remote.
logbook init >"$tmp/init.txt" 2>&1 || { cat "$tmp/init.txt"; fail "logbook init exited $?"; }
expect "$tmp/init.txt" "found    doc/adr/ with 4 decision records"
expect "$tmp/init.txt" "created  doc/index.md"
expect "$tmp/init.txt" "created  doc/adr/index.md"
expect "$tmp/init.txt" "https://acme.github.io/widgets/"
if [ -e doc/adr/template.md ] || [ -e doc/adr/0005-record-decisions-in-the-repository.md ] || [ -e content ]; then
  fail "init added a decision log although doc/adr has one"
fi
expect logbook.yml "repository: https://github.com/acme/widgets"
expect logbook.yml "branch: trunk"
expect logbook.yml "decisions: adr"
expect logbook.yml "statuses: [proposed, accepted, rejected, deprecated, superseded, on hold]"  # the log's own
workflow=.github/workflows/logbook.yml
expect "$workflow" "branches: [trunk]"
expect "$workflow" "content: doc"
expect "$workflow" "mode: check"
expect "$workflow" "mode: build"
expect "$workflow" "uses: actions/deploy-pages@v4"
grep -qE "uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+@v[0-9]+\.[0-9]+\.[0-9]+$" "$workflow" || fail "$workflow names no released action"

# check: the log as it was passes the workflow's strict check.
logbook check doc --strict >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt"; fail "logbook check --strict failed on the log as it is"; }
expect "$tmp/check.txt" "Checked 6 pages and 4 decision records: 0 errors, 0 warnings"

# A later record with a status nobody listed: a warning quoting it whole, as a GitHub annotation.
printf '# 5. Move to Kubernetes\n\nDate: 2024-05-06\n\n## Status\n\nWaiting for budget\n' >doc/adr/0005-move-to-kubernetes.md
status=0
logbook check doc --format github >"$tmp/check.txt" 2>&1 || status=$?
[ "$status" = 0 ] || { cat "$tmp/check.txt"; fail "logbook check exited $status"; }
expect "$tmp/check.txt" "Checked 7 pages and 5 decision records: 0 errors, 1 warning"
expect "$tmp/check.txt" "::warning file=doc/adr/0005-move-to-kubernetes.md,line=7"
expect "$tmp/check.txt" "status 'Waiting for budget' is not one of proposed, accepted, rejected, deprecated, superseded, on hold"

# build: the records with their statuses and chain, page history from git, the app.
logbook build doc -o "$tmp/site" >"$tmp/build.txt" 2>&1 || { cat "$tmp/build.txt"; fail "logbook build failed"; }
expect "$tmp/build.txt" "Built 7 pages"
manifest="$tmp/site/manifest.json"
for record in '"id": "ADR-0001", "informed": [], "number": 1' '"status": "superseded"' '"status": "on hold"' \
  '"status": "waiting for budget"'; do
  tr -d '\n' <"$manifest" | sed 's/,"/, "/g; s/":/": /g' | grep -qF -- "$record" || fail "manifest.json lacks $record"
done
grep -q '"updated":"' "$tmp"/site/site/pages.*.json || fail "no page history from git in the site"
[ -f "$tmp/site/adr/0003-use-postgresql/index.html" ] || fail "no page for record 3"
[ ! -e "$tmp/site/adr/templates/template/index.html" ] || fail "the template was published as a record's page"
if [ "$expect_app" = yes ]; then
  for f in boot.js logbook.wasm search-core.wasm search-worker.js fonts/inter-regular.otf; do
    [ -s "$tmp/site/app/$f" ] || fail "the site has no app/$f: the app is not compiled into $binary"
  done
fi

# search: the made-up status is found whole.
logbook search "$tmp/site" 'status:"on hold"' >"$tmp/search.txt" 2>&1 || { cat "$tmp/search.txt"; fail "search failed"; }
expect "$tmp/search.txt" "4. Split the monolith"
if grep -q "Use MySQL" "$tmp/search.txt"; then fail "status:\"on hold\" found a superseded record"; fi

echo "e2e: passed ($binary; app compiled in: $expect_app)"
