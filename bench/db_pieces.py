#!/usr/bin/python3
"""The search database as `logbook build` publishes it: pieces, what a query fetches, what an edit changes.

Evidence for ADR-0009. Builds a corpus with `logbook build` (and again after a one-word and
a one-paragraph edit of one page), then reports:

  the file     the database (the pieces joined): raw, gzip -6 whole, and the sum of its
               pieces gzipped one by one (as a host serves them); every table's share (dbstat)
  the list     search/list.<hash>.json: raw and gzip -6, pieces and opening pieces
  queries      `logbook search SITE --json -n 12 --stats` per query, each a new process (a cold
               reader): the engine's own two-tier query through the VFS over the pieces, read-
               ahead as the build ships it (and off, to compare). Pieces and bytes fetched
               (raw / gzip -6 of those pieces), for the first query and median / p95 over the
               picked queries, opening pieces included; plus the index.md of the 8 shown hits
               (gzip -6), which step two of the answer fetches for the snippets
               and, replayed through apsw, the ranked ids alone (SearchEngine::rank, for a
               reader that takes the rows from the manifest)
  stability    pieces of the edited builds whose names the base build does not have

Runs under Debian's /usr/bin/python3 with python3-apsw (apt-get install -y python3-apsw) for
dbstat. Builds are kept in --work and reused; delete it to rebuild.

  cmake --build --preset native --target logbook
  /usr/bin/python3 bench/db_pieces.py /tmp/anchors/c1k  --work /tmp/pieces/w1k
  /usr/bin/python3 bench/db_pieces.py /tmp/anchors/c10k --work /tmp/pieces/w10k
"""
import argparse, collections, gzip, json, os, random, re, shutil, statistics, subprocess, sys, time, zlib
import apsw

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMIT, SHOWN = 12, 8  # the palette asks the worker for 12 hits (src/app/app_search.cpp) and shows about 8


def kib(b): return f"{b / 1024:.0f} KiB" if b < 10 << 20 else f"{b / (1 << 20):.1f} MiB"
def gz(b): return len(gzip.compress(b, 6))


class Site:
    """A built site: its manifest's search list and pieces."""
    def __init__(self, path):
        self.path = path
        manifest = json.load(open(os.path.join(path, "manifest.json")))
        self.list_path = os.path.join(path, manifest["search"]["list"])
        self.list_bytes = open(self.list_path, "rb").read()
        self.list = json.loads(self.list_bytes)
        self._gz = {}
        # The list's regions (version 2), or one region of every piece (version 1).
        self.regions = [(r["piece_bytes"], r["pieces"]) for r in self.list["regions"]] if "regions" in self.list \
            else [(self.list["piece_bytes"], len(self.list["pieces"]))]

    def piece_at(self, offset):
        start = first = 0
        for size, count in self.regions:
            if offset < start + size * count: return first + (offset - start) // size
            start, first = start + size * count, first + count
        return first - 1

    def file(self, i):
        """Piece i's file, as the host keeps and sends it (packed in a list of version 4)."""
        return open(os.path.join(self.path, "search", self.list["pieces"][i] + ".bin"), "rb").read()

    def piece(self, i):
        """Piece i's bytes: its file, unpacked when the list says "packing": "deflate"."""
        f = self.file(i)
        return zlib.decompress(f, -15) if self.list.get("packing") == "deflate" else f

    def piece_gz(self, i):
        if i not in self._gz: self._gz[i] = gz(self.file(i))
        return self._gz[i]

    def database(self, dst):
        with open(dst, "wb") as f:
            for i in range(len(self.list["pieces"])): f.write(self.piece(i))
        return dst


def build(logbook, corpus, out):
    if os.path.exists(os.path.join(out, "manifest.json")): return
    t = time.time()
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M", logbook, "build", corpus, "-o", out], capture_output=True, text=True)
    if r.returncode != 0: sys.exit(f"logbook build {corpus} failed:\n{r.stderr[-2000:]}")
    secs, rss = r.stderr.strip().splitlines()[-1].split()
    print(f"# built {corpus}: {float(secs):.1f} s, {int(rss) // 1024} MB peak", flush=True)


def edited_corpus(corpus, dst, page, edit):
    """A copy of the corpus with one page's body changed: one word, or one paragraph replaced."""
    if os.path.exists(dst): shutil.rmtree(dst)
    shutil.copytree(corpus, dst)
    path = os.path.join(dst, page)
    text = open(path, encoding="utf-8").read()
    p = [m for m in re.finditer(r"\n\n([A-Z][^\n#|`*-][^\n]{80,})\n", text)]
    p = p[len(p) // 2]
    if edit == "word":
        w = list(re.finditer(r"\b[a-z]{5,}\b", p.group(1)))
        w = w[len(w) // 2]
        start = p.start(1) + w.start()
        text = text[:start] + "quarterback" + text[start + len(w.group()):]
    else:
        new = "This paragraph was rewritten for the stability measurement; it is longer than the one it replaces " \
              "and names a deployment, a rollback plan, the owners of the runbook and the review date."
        text = text[:p.start(1)] + new + text[p.end(1):]
    open(path, "w", encoding="utf-8").write(text)


def corpus_words(corpus):
    df, files = collections.Counter(), []
    for dp, _, fs in os.walk(corpus):
        files += [os.path.relpath(os.path.join(dp, f), corpus) for f in fs if f.endswith(".md")]
    files.sort()
    for f in files:
        body = open(os.path.join(corpus, f), encoding="utf-8").read().split("\n---\n", 1)[-1].lower()
        df.update(set(re.findall(r"[a-z]+", body)))
    return df, files


def pick_queries(df, n_pages):
    """~24 queries as readers type them (seeded, the same as ADR-0009's first measurements)."""
    rng = random.Random(13)
    def pick(lo, hi, k, minlen):
        band = sorted(w for w, n in df.items() if lo * n_pages <= n <= hi * n_pages and len(w) >= minlen)
        if len(band) < k:  # a corpus without such words: those nearest the band
            target = (lo + hi) / 2 * n_pages
            band = sorted(sorted((w for w in df if len(w) >= minlen), key=lambda w: (abs(df[w] - target), w))[:3 * k])
        return rng.sample(band, k)
    rare, low, mid = pick(0, 0.002, 4, 7), pick(0.008, 0.02, 4, 6), pick(0.08, 0.2, 4, 5)
    common = ["system", "search", "people"]
    q = [[w + " "] for w in rare + low + mid + common]
    q += [[low[0], mid[0] + " "], [rare[0], common[0] + " "], [mid[1], mid[2] + " "], [common[1], low[1] + " "], [rare[1], rare[2] + " "]]
    q += [[mid[3][:3]], [low[2][:4]], [common[0][:5]], [mid[0], low[3][:4]]]
    return [pick(0.03, 0.06, 1, 6)[0] + " "], q


def query(logbook, site, words, read_ahead, limit):
    """One cold reader: the pieces fetched (opening ones first), the hits, and the fetch batches."""
    r = subprocess.run([logbook, "search", site.path, *words, "--json", "-n", str(limit), "--stats", "--read-ahead", str(read_ahead)],
                       capture_output=True, text=True)
    if r.returncode != 0: sys.exit(f"logbook search {words} failed: {r.stderr}")
    m = re.search(r"pieces: (\d+) of \d+, (\d+) bytes (?:\(files fetched: \d+ bytes\) )?in (\d+) batches, opening \d+: ([\d ]*)", r.stderr)
    return [int(x) for x in m.group(4).split()], json.loads(r.stdout), int(m.group(3))


def shown_text(site, hits):
    total = 0
    for h in hits[:SHOWN]:
        total += gz(open(os.path.join(site.path, h["url"].lstrip("/"), "index.md"), "rb").read())
    return total


def report_queries(logbook, site, cold, queries):
    print("\n## what a cold reader fetches (pieces raw / gzip -6, opening pieces included; round trips: the list, "
          "then one per batch of pieces)\n")
    print("| rows of | read-ahead | first query: pieces, bytes, round trips | per query median | per query p95 | "
          f"index.md of the {SHOWN} shown, gzip: first / median / p95 |")
    print("|---|---|---:|---:|---:|---:|")
    size = lambda ps: sum(len(site.piece(i)) for i in ps)
    spread = lambda v: (statistics.median(v), sorted(v)[min(len(v) - 1, int(0.95 * len(v)))])
    for limit, ahead in ((LIMIT, 4), (LIMIT, 0), (SHOWN, 4), (SHOWN, 0)):
        first, first_hits, first_trips = query(logbook, site, cold, ahead, limit)
        runs = [query(logbook, site, q, ahead, limit) for q in queries]
        n50, n95 = spread([len(p) for p, _, _ in runs])
        r50, r95 = spread([size(p) for p, _, _ in runs])
        g50, g95 = spread([sum(map(site.piece_gz, p)) for p, _, _ in runs])
        t50, t95 = spread([1 + b for _, _, b in runs])
        x50, x95 = spread([shown_text(site, h) for _, h, _ in runs])
        print(f"| {limit} hits | {ahead} | {len(first)}: {kib(size(first))} / {kib(sum(map(site.piece_gz, first)))}, {1 + first_trips} | "
              f"{n50:.0f}: {kib(r50)} / {kib(g50)}, {t50:.0f} | {n95}: {kib(r95)} / {kib(g95)}, {t95} | "
              f"{kib(shown_text(site, first_hits))} / {kib(x50)} / {kib(x95)} |", flush=True)


# ---------------------------------------------------------------- ranked ids alone, replayed through apsw
# What a reader that takes the rows from the manifest reads (SearchEngine::rank): the
# engine's rank query (search_engine.cpp kRankQuery) in its two tiers, through a VFS shim
# that logs every read; a piece is counted when any byte of it is read (no read-ahead).
LOG = []


class LoggedFile(apsw.VFSFile):
    def __init__(self, name, flags):
        super().__init__("", name, flags)

    def xRead(self, amount, offset):
        LOG.append((offset, amount))
        return super().xRead(amount, offset)


class LoggingVFS(apsw.VFS):
    def __init__(self): super().__init__("logreads", "")
    def xOpen(self, name, flags): return LoggedFile(name, flags)


VFS = LoggingVFS()


def ranked_ids_pieces(db, words, site):
    terms = ['"%s"' % w.strip() for w in words]
    if not words[-1].endswith(" "): terms[-1] += "*"
    positive = " AND ".join(terms)
    in_titles = "{title headings} : (%s)" % positive
    LOG.clear()
    con = apsw.Connection(db, flags=apsw.SQLITE_OPEN_READONLY, vfs="logreads")
    hits = 0
    for expression in (in_titles, "(%s) NOT %s" % (positive, in_titles)):
        if hits >= LIMIT: break
        # bm25() stands in for the engine's logbook_rank (search_rank.hpp), which apsw cannot
        # register: both read the doclists only (schema 4 has no docsize table).
        hits += len(list(con.execute("SELECT rowid, bm25(search, 10.0, 4.0, 1.0) AS r FROM search WHERE search MATCH ?1 ORDER BY r LIMIT ?2",
                                     (expression, LIMIT - hits))))
    con.close()
    return {i for off, n in LOG for i in range(site.piece_at(off), site.piece_at(off + n - 1) + 1)}


def report_ranked_ids(site, work, cold, queries):
    db = site.database(os.path.join(work, "joined.db"))
    try:
        ranked_ids_pieces(db, cold, site)
    except apsw.SQLError as e:  # schema 4's index uses Logbook's own tokenizer, which apsw lacks
        print(f"| ranked ids only, rows from the manifest (apsw replay) | n/a: {e} |")
        os.remove(db)
        return
    size = lambda ps: sum(len(site.piece(i)) for i in ps)
    first = ranked_ids_pieces(db, cold, site)
    runs = [ranked_ids_pieces(db, q, site) for q in queries]
    spread = lambda v: (statistics.median(v), sorted(v)[min(len(v) - 1, int(0.95 * len(v)))])
    (n50, n95), (r50, r95) = spread([len(p) for p in runs]), spread([size(p) for p in runs])
    g50, g95 = spread([sum(map(site.piece_gz, p)) for p in runs])
    every = first.intersection(*runs)
    print(f"| ranked ids only, rows from the manifest (apsw replay) | 0 | {len(first)}: {kib(size(first))} / "
          f"{kib(sum(map(site.piece_gz, first)))}, – | {n50:.0f}: {kib(r50)} / {kib(g50)}, – | {n95}: {kib(r95)} / {kib(g95)}, – | "
          f"read by every query: {sorted(every)} |")
    os.remove(db)


def report_file(site, work):
    db = site.database(os.path.join(work, "joined.db"))
    data = open(db, "rb").read()
    total = len(data)
    pieces_gz = sum(site.piece_gz(i) for i in range(len(site.list["pieces"])))
    print(f"\n## the database: {kib(total)} in {len(site.list['pieces'])} pieces; gzip -6 whole {kib(gz(data))}, "
          f"pieces gzipped one by one {kib(pieces_gz)}\n")
    con = apsw.Connection(db, flags=apsw.SQLITE_OPEN_READONLY)
    rows = list(con.execute("SELECT name, count(*), sum(pgsize) FROM dbstat GROUP BY name ORDER BY 3 DESC"))
    free = con.execute("PRAGMA freelist_count").fetchall()[0][0] * con.execute("PRAGMA page_size").fetchall()[0][0]
    con.close()
    print("| table or index | SQLite pages | bytes | % of file |\n|---|---:|---:|---:|")
    for name, pages, size in rows: print(f"| {name} | {pages} | {size} | {100 * size / total:.1f} |")
    print(f"| (free pages) | | {free} | {100 * free / total:.1f} |")
    lst = site.list_bytes
    print(f"\n## the list: {len(lst)} bytes, gzip -6 {gz(lst)} bytes; {len(site.list['pieces'])} pieces "
          f"(piece bytes, count: {site.regions}), opening {site.list['opening']}")
    os.remove(db)


def report_stability(sites):
    base = set(sites["base"].list["pieces"])
    print("\n## pieces of a rebuilt site whose names the base build does not have (raw / gzip -6)\n")
    print("| edit | pieces changed / pieces | bytes |\n|---|---:|---:|")
    for tag in ("same", "word", "paragraph"):
        s = sites[tag]
        changed = [i for i, name in enumerate(s.list["pieces"]) if name not in base]
        raw = sum(len(s.piece(i)) for i in changed)
        print(f"| {tag} | {len(changed)} / {len(s.list['pieces'])} | {kib(raw)} / {kib(sum(map(s.piece_gz, changed)))} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--work", required=True)
    ap.add_argument("--logbook", default=os.path.join(ROOT, "build/native/src/cli/logbook"))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    t0 = time.time()
    df, files = corpus_words(a.corpus)
    page = files[len(files) // 2]
    out = {tag: os.path.join(a.work, tag) for tag in ("base", "same", "word", "paragraph")}
    build(a.logbook, a.corpus, out["base"])
    build(a.logbook, a.corpus, out["same"])
    for edit in ("word", "paragraph"):
        if os.path.exists(os.path.join(out[edit], "manifest.json")): continue
        edited = os.path.join(a.work, "edited")
        edited_corpus(a.corpus, edited, page, edit)
        build(a.logbook, edited, out[edit])
        shutil.rmtree(edited)
    sites = {tag: Site(path) for tag, path in out.items()}
    print(f"# {a.corpus}: {len(files)} pages; edited page {page}; SQLite {apsw.sqlitelibversion()}")
    report_file(sites["base"], a.work)
    cold, queries = pick_queries(df, len(files))
    print(f"\ncold query: {''.join(cold)}; queries: " + ", ".join(" ".join(q).strip() + ("" if q[-1].endswith(" ") else "*") for q in queries))
    report_queries(a.logbook, sites["base"], cold, queries)
    report_ranked_ids(sites["base"], a.work, cold, queries)
    report_stability(sites)
    print(f"\n# done in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
