#!/usr/bin/env bash
# The action's main step (action.yml): `logbook check` with GitHub annotations, or
# `logbook build` into the output folder with the base URL GitHub Pages serves it under.
set -euo pipefail
logbook=${LOGBOOK_BINARY:?the action sets LOGBOOK_BINARY}
content=${LOGBOOK_CONTENT:-content}
output_dir=${LOGBOOK_OUTPUT:-_site}

fail() { echo "::error title=Logbook::$*"; exit 1; }

[ -d "$content" ] || fail "The content folder '$content' is not in the repository; set the action's content input to your docs folder (logbook init names it in the workflow it writes)."
strict=()
case "${LOGBOOK_STRICT:-true}" in
  true) strict=(--strict) ;;
  false) ;;
  *) fail "strict is '$LOGBOOK_STRICT'; give true or false." ;;
esac

# Project sites live under /REPO/; the USER.github.io repository and a custom domain
# (a CNAME file) at the root.
default_base_url() {
  local owner=${GITHUB_REPOSITORY%%/*} repo=${GITHUB_REPOSITORY#*/}
  if [ -f "$content/CNAME" ] || [ -f CNAME ] || [ "${repo,,}" = "${owner,,}.github.io" ]; then
    echo /
  else
    echo "/$repo/"
  fi
}

case "${LOGBOOK_MODE:-build}" in
  check)
    "$logbook" check "$content" --format github "${strict[@]}"
    ;;
  build)
    base=${LOGBOOK_BASE_URL:-$(default_base_url)}
    args=(build "$content" -o "$output_dir" --base-url "$base" "${strict[@]}")
    [ -z "${LOGBOOK_SITE_URL:-}" ] || args+=(--site-url "$LOGBOOK_SITE_URL")
    "$logbook" "${args[@]}"
    echo "site=$output_dir" >>"${GITHUB_OUTPUT:-/dev/stdout}"
    ;;
  *)
    fail "mode is '$LOGBOOK_MODE'; give check (pull requests) or build (publishing)."
    ;;
esac
