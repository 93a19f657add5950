#!/usr/bin/env bash
# Logbook's build beside Hugo's on the same pages, interleaved: this machine is shared and
# noisy, so each round builds both back to back and the ratio is taken per round; the
# medians are reported (issue 9: a 10k-page build in at least 3x less time than Hugo, with
# at most 500 MB peak).
#
#   bench/build_ratio.sh [c10k] [rounds=5]
#   SCRATCH=/dev/shm bench/build_ratio.sh c10k   both build into memory (tmpfs): the CPU's
#                                                share alone, without this machine's disk
#
# Hugo builds in a scratch copy (not $ANCHORS/site-<c>, which holds Pagefind's index for
# bench/large_site.mjs), with the peers' configuration (../shared/peers-bench/hugo).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=${PEERS_DIR:-$root/../shared/peers-bench}
export ANCHORS=${ANCHORS:-/tmp/anchors}
c=${1:-c10k}; rounds=${2:-5}
[ -d "$ANCHORS/$c" ] || { echo "no corpus $ANCHORS/$c: python3 $peers/gen_corpus.py 10000 $ANCHORS/$c" >&2; exit 2; }
cmake --build "$root/build/native" --target logbook >/dev/null
logbook=$root/build/native/src/cli/logbook
scratch=$(mktemp -d "${SCRATCH:-/tmp}/build-ratio.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/hugo"
cp "$peers/hugo/hugo.toml" "$scratch/hugo/"; cp -r "$peers/hugo/layouts" "$scratch/hugo/"; cp -r "$ANCHORS/$c" "$scratch/hugo/content"

timed() {  # wall seconds and peak KB of a command, as "seconds kb"
  /usr/bin/time -f "%e %M" -o "$scratch/t" "$@" >/dev/null 2>&1
  cat "$scratch/t"
}
"$logbook" build "$ANCHORS/$c" -o "$scratch/lb" >/dev/null 2>&1  # warm the caches, both
(cd "$scratch/hugo" && hugo --minify --quiet >/dev/null 2>&1)
echo "round logbook_s logbook_MiB hugo_s hugo_MiB ratio"
results=()
for r in $(seq 1 "$rounds"); do
  rm -rf "$scratch/lb"
  read -r ls lk < <(timed "$logbook" build "$ANCHORS/$c" -o "$scratch/lb")
  rm -rf "$scratch/hugo/public" "$scratch/hugo/resources"
  read -r hs hk < <(cd "$scratch/hugo" && timed hugo --minify --quiet)
  ratio=$(python3 -c "print(f'{$hs / $ls:.2f}')")
  echo "$r $ls $((lk / 1024)) $hs $((hk / 1024)) $ratio"
  results+=("$ls $lk $hs $hk $ratio")
done
printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
med = lambda i: statistics.median(r[i] for r in rows)
print(f"median: Logbook {med(0):.2f} s, {med(1) / 1024:.0f} MiB peak; Hugo {med(2):.2f} s, {med(3) / 1024:.0f} MiB; Hugo / Logbook {med(4):.2f}x (per-round ratios)")'
