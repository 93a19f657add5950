#!/usr/bin/env bash
# Logbook's build and search benchmark on the peers' corpora, beside the peers.
#
#   bench/run.sh [c1k] [c10k]        (default: both)
#   PEERS=0 bench/run.sh c10k        skip re-running Hugo beside Logbook
#
# The browser benchmarks run on their own (Chromium, the wasm app built):
#   node bench/app_bench.mjs      first draw, cold start, search latency, scrolling
#   node bench/graph_bench.mjs    the link graph at 10k pages: file size, frame times (ADR-0015)
#
# Corpora come from ../shared/peers-bench/gen_corpus.py (1k and 10k pages) under
# $ANCHORS (default /tmp/anchors), with its fixed query set (pick_queries.py).
# Prints one Markdown table per corpus: build wall time and peak memory (second of two
# runs), database size raw and gzip -9 with the biggest tables (dbstat), and native
# query latency p50/p95 through the core's engine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=${PEERS_DIR:-$root/../shared/peers-bench}
export ANCHORS=${ANCHORS:-/tmp/anchors}
corpora=("$@"); [ ${#corpora[@]} -gt 0 ] || corpora=(c1k c10k)

need=(); for p in wamerican time hugo; do dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q 'ok installed' || need+=("$p"); done
[ ${#need[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null

mkdir -p "$ANCHORS"
[ -d "$ANCHORS/c1k" ] || python3 "$peers/gen_corpus.py" 1000 "$ANCHORS/c1k" >/dev/null
[ -d "$ANCHORS/c10k" ] || python3 "$peers/gen_corpus.py" 10000 "$ANCHORS/c10k" >/dev/null
[ -f "$ANCHORS/queries.json" ] || python3 "$peers/pick_queries.py" >/dev/null

[ -f "$root/build/native/CMakeCache.txt" ] || cmake --preset native -S "$root" >/dev/null
cmake --build "$root/build/native" --target logbook logbook_bench >/dev/null
logbook=$root/build/native/src/cli/logbook
bench=$root/build/native/bench/logbook_bench

field() { grep -E "$1" "$2" | sed -E 's/.*: //'; }

for c in "${corpora[@]}"; do
  out=$ANCHORS/logbook-$c
  for run in 1 2; do
    LOGBOOK_TIMINGS=1 /usr/bin/time -v -o "$ANCHORS/logbook-$c-run$run.time" \
      "$logbook" build "$ANCHORS/$c" -o "$out" 2>"$ANCHORS/logbook-$c-run$run.log"
  done
  t=$ANCHORS/logbook-$c-run2.time
  wall=$(field 'Elapsed \(wall clock\)' "$t"); rss_kb=$(field 'Maximum resident' "$t")
  timings=$(grep '^timings' "$ANCHORS/logbook-$c-run2.log" || true)
  md_bytes=$(du -sb "$ANCHORS/$c" | cut -f1)
  # The site holds the database as pieces (ADR-0009), each file raw DEFLATE of its part.
  db=$ANCHORS/logbook-$c.db
  python3 - "$out" "$db" <<'PY'
import json, sys, zlib
out, db = sys.argv[1:]
head = json.load(open(f"{out}/manifest.json"))
lst = json.load(open(f"{out}/{head['search']['list']}"))
packed = lst.get("packing") == "deflate"
with open(db, "wb") as f:
    for name in lst["pieces"]:
        b = open(f"{out}/search/{name}.bin", "rb").read()
        f.write(zlib.decompress(b, -15) if packed else b)
PY
  raw=$(stat -c %s "$db"); gz=$(gzip -9 -c "$db" | wc -c)
  # On disk: the files' bytes, what a host keeps and serves. `du -sb` adds each folder's
  # own size, 4 KiB a folder on ext4 (a page is a folder: /guides/setup/index.html), but
  # next to nothing on tmpfs: shown too, with the same for the peer's site when present.
  file_bytes() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
  site_bytes=$(file_bytes "$out"); site_du=$(du -sb "$out" | cut -f1); files=$(find "$out" -type f | wc -l)
  q=$("$bench" queries "$db" "$ANCHORS/queries.json" 20)
  stat_json=$("$bench" dbstat "$db")
  hugo=""
  if [ "${PEERS:-1}" != 0 ]; then
    hugo=$(bash "$peers/run_hugo.sh" "$c" 2>&1 | grep '^run2' || true)
  fi
  peer=$ANCHORS/site-$c/public peer_bytes="" peer_du=""
  if [ -d "$peer" ]; then peer_bytes=$(file_bytes "$peer"); peer_du=$(du -sb "$peer" | cut -f1); fi
  python3 - "$c" "$wall" "$rss_kb" "$md_bytes" "$raw" "$gz" "$site_bytes" "$files" "$q" "$stat_json" "$timings" "$hugo" \
    "$site_du" "$peer_bytes" "$peer_du" <<'PY'
import json, sys
c, wall, rss, md, raw, gz, site, files, q, st, timings, hugo, site_du, peer, peer_du = sys.argv[1:]
q = json.loads(q); st = json.loads(st)
mb = lambda b: f"{int(b) / 1e6:.1f} MB"
print(f"\n### {c}: {mb(md)} of Markdown\n")
print("| measure | Logbook |"); print("|---|---|")
print(f"| build wall time (2nd run) | {wall} |")
print(f"| build peak RSS | {int(rss) / 1024:.0f} MiB |")
print(f"| build phases | {timings.replace('timings: ', '')} |")
print(f"| site on disk: its files' bytes | {mb(site)} in {files} files |")
print(f"| du -sb here (folders' own blocks too) | {mb(site_du)} |")
if peer: print(f"| the peer's site (Hugo, with Pagefind if run_pagefind.sh ran last): files / du -sb | {mb(peer)} / {mb(peer_du)} |")
print(f"| search database raw / gzip -9 (its pieces joined) | {mb(raw)} / {mb(gz)} |")
print(f"| query p50 / p95 (native, 20 queries x 20) | {q['p50_ms']:.2f} / {q['p95_ms']:.2f} ms |")
print(f"| as-you-type prefixes p50 / p95 | {q['typed_prefix_p50_ms']:.2f} / {q['typed_prefix_p95_ms']:.2f} ms |")
print(f"| cold: open + first query | {q['cold_ms']:.2f} ms |")
if hugo: print(f"| Hugo 0.111 --minify, same machine, same run | {hugo} |")
print("\nthe search database by table/index (dbstat):\n")
for name, size in st[:8]: print(f"- {name}: {mb(size)}")
PY
done
