#!/usr/bin/python3
"""The search database cut into fixed-size pieces: what a reader fetches, what a deployment changes.

Evidence for ADR-0009. Builds a corpus with `logbook build` (four builds: the corpus, the same
again, a one-word edit and a one-paragraph edit of one page), prints every table's size with
dbstat, then for several layouts of the same search.db and several piece sizes reports what the
engine's own queries (src/core/search_engine.cpp, both ranking tiers, limit 20) read:

  layouts  built        the file as `logbook build` writes it (4 KiB pages, FTS5 optimized)
           vacuum-N     VACUUM with N KiB pages
           slim-N       pages.markdown dropped, VACUUM
           hot-N        slim, written afresh with the FTS5 index first and its stored text last
           contentless  slim, FTS5 with content='' (no stored text), VACUUM
           proposed     contentless and index first (what ADR-0009 proposes)
  modes    engine       today's query: rows and snippets for all 20 hits
           no snippet   the same without snippet()
           index only   ranked page ids only; then "+ index.md of the 8 shown" is what the
                        shown results' own text costs when fetched per page
           shown 8      ranked ids, then rows and snippets of the first 8 from the database
  columns  first query (cold): pieces and bytes of a reader's very first query (schema included);
           per query median/p95: each query from a cold cache; all queries, one cache: the
           whole set through one cache; in every query: the pieces every query reads (what to
           fetch when the palette opens). "raw / gzip": pieces travel gzipped, as hosts compress
           them; "4 KiB Range" rows are SQLite pages read by HTTP Range, uncompressed.

Runs under Debian's /usr/bin/python3 with python3-apsw (apt-get install -y python3-apsw wamerican):
apsw's VFS shim logs every xRead of the database file; the stdlib sqlite3 has no VFS hook.

  python3 ../shared/peers-bench/gen_corpus.py 1000 /tmp/adr9/c1k     # once per corpus
  python3 ../shared/peers-bench/gen_corpus.py 10000 /tmp/adr9/c10k
  cmake --build --preset native --target logbook
  /usr/bin/python3 bench/db_pieces.py /tmp/adr9/c1k  --work /tmp/adr9/w1k    # ~1 min
  /usr/bin/python3 bench/db_pieces.py /tmp/adr9/c10k --work /tmp/adr9/w10k   # ~6 min on 2 cores

Builds are kept in --work and reused; delete it to rebuild. A "piece" here is a plain
fixed-size cut of the file (the last one short), named by the hash of its bytes.
"""
import argparse, collections, gzip, hashlib, os, random, re, shutil, statistics, subprocess, sys, time
import apsw

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE_SIZES = [4096, 8192, 16384, 65536]
PIECE_SIZES = [16 << 10, 32 << 10, 64 << 10, 256 << 10]
LIMIT = 20  # the worker asks for 20 hits (src/core/search_wire.hpp)

# The engine's query (src/core/search_engine.cpp kQuery), run in its two tiers: pages whose
# title or headings hold the words, then pages that mention them only in the body.
ENGINE_SQL = """SELECT p.path, p.url, p.title, p.section,
       snippet(search, 2, char(2), char(3), '…', 24) AS snip,
       rank AS score, p.date, COALESCE(d.status, '')
FROM search JOIN pages p ON p.id = search.rowid LEFT JOIN decisions d ON d.page_id = p.id
WHERE search MATCH ?1 ORDER BY rank LIMIT ?2"""
NO_SNIPPET_SQL = ENGINE_SQL.replace("snippet(search, 2, char(2), char(3), '…', 24)", "''")
# The index alone: ranked page ids, what a worker needs if titles and snippets come from elsewhere.
INDEX_SQL = "SELECT rowid, rank FROM search WHERE search MATCH ?1 ORDER BY rank LIMIT ?2"


def tiers(words, prefix):
    """The FTS5 expressions src/core/query_parser.cpp makes of plain words (the last one a prefix while typed)."""
    terms = ['"%s"' % w for w in words]
    if prefix: terms[-1] += "*"
    positive = " AND ".join(terms)
    in_titles = "{title headings} : (%s)" % positive
    return [in_titles, "(%s) NOT %s" % (positive, in_titles)]


# ---------------------------------------------------------------- reads through a logging VFS
LOG = []


class LoggedFile(apsw.VFSFile):
    def __init__(self, name, flags):
        super().__init__("", name, flags)
        self.main = bool(flags[0] & apsw.mapping_open_flags["SQLITE_OPEN_MAIN_DB"])

    def xRead(self, amount, offset):
        if self.main: LOG.append((offset, amount))
        return super().xRead(amount, offset)


class LoggingVFS(apsw.VFS):
    def __init__(self): super().__init__("logreads", "")
    def xOpen(self, name, flags): return LoggedFile(name, flags)


VFS = LoggingVFS()


def open_logged(db):
    con = apsw.Connection(db, flags=apsw.SQLITE_OPEN_READONLY, vfs="logreads")
    con.execute("PRAGMA cache_size=-1000000")  # the worker keeps every piece it fetched
    return con


def ranked(con, sql, words, prefix, limit=LIMIT):
    """The engine's two tiers; returns (rowid, the tier's expression) of each hit."""
    hits = []
    for expression in tiers(words, prefix):
        if len(hits) >= limit: break
        hits += [(row[0], expression) for row in con.execute(sql, (expression, limit - len(hits)))]
    return hits


# How the worker could ask, from today's one statement to "ranked ids, then rows and snippets
# for the results on screen" (the palette shows about 6; SHOWN is a screenful and a little).
SHOWN = 8
SHOWN_SQL = ENGINE_SQL.replace("ORDER BY rank LIMIT ?2", "AND search.rowid = ?2")
MODES = {
    "engine": lambda con, w, p: ranked(con, ENGINE_SQL.replace("SELECT p.path", "SELECT p.id, p.path"), w, p),
    "no snippet": lambda con, w, p: ranked(con, NO_SNIPPET_SQL.replace("SELECT p.path", "SELECT p.id, p.path"), w, p),
    "index only": lambda con, w, p: ranked(con, INDEX_SQL, w, p),
    "shown 8": lambda con, w, p: [list(con.execute(SHOWN_SQL, (e, i))) for i, e in ranked(con, INDEX_SQL, w, p)[:SHOWN]],
}


def pieces_of(reads, piece):
    out = set()
    for off, n in reads:
        out.update(range(off // piece, (off + n - 1) // piece + 1))
    return out


def measure_reads(db, mode, queries):
    """Per query, the byte ranges read from a cold start (new connection: schema included),
    and what the query answered."""
    per_query, answers = [], []
    for words, prefix in queries:
        LOG.clear()
        con = open_logged(db)
        answers.append(MODES[mode](con, words, prefix))
        con.close()
        per_query.append(list(LOG))
    return per_query, answers


REFERENCE = []


class Fragments:
    """What the shown results' own text costs if it is fetched per page (gzip -6 of each
    page's Markdown, as index.md is published today) instead of read from the database."""
    def __init__(self, corpus, base_db):
        self.corpus, self.sizes = corpus, {}
        con = apsw.Connection(base_db, flags=apsw.SQLITE_OPEN_READONLY)
        self.path = dict(con.execute("SELECT id, path FROM pages"))
        con.close()

    def __call__(self, hits):
        total = 0
        for rowid, _ in hits[:SHOWN]:
            if rowid not in self.sizes:
                self.sizes[rowid] = len(gzip.compress(open(os.path.join(self.corpus, self.path[rowid]), "rb").read(), 6))
            total += self.sizes[rowid]
        return total


# ---------------------------------------------------------------- layouts of one database
def copy_vacuum(src, dst, page_size):
    shutil.copy(src, dst)
    con = apsw.Connection(dst)
    con.execute(f"PRAGMA page_size={page_size}; VACUUM")
    con.close()


def slim(src, dst, page_size):
    """pages.markdown dropped: each page's index.md is published beside its HTML already."""
    shutil.copy(src, dst)
    con = apsw.Connection(dst)
    con.execute(f"ALTER TABLE pages DROP COLUMN markdown; PRAGMA page_size={page_size}; VACUUM")
    con.close()


FTS_SHADOW = ["search_config", "search_idx", "search_docsize", "search_data"]


def hot_first(src, dst, page_size):
    """Slim, and written in a fresh file in the order a query reads: every root page first (all
    tables created before any row), then FTS5's config, segment index and doclists, the small
    tables, and FTS5's stored text last. The shadow tables are copied as they are (same index)."""
    if os.path.exists(dst): os.remove(dst)
    con = apsw.Connection(dst)
    con.execute(f"PRAGMA page_size={page_size}")
    con.execute("ATTACH ? AS old", (src,))
    schema = list(con.execute("SELECT type, name, sql FROM old.sqlite_schema WHERE sql IS NOT NULL "
                              "AND name NOT LIKE 'search_%' ORDER BY name = 'search' DESC, rowid"))
    con.execute("BEGIN")
    for _, _, sql in schema:
        con.execute(sql.replace("markdown TEXT NOT NULL,", "") if sql.startswith("CREATE TABLE pages") else sql)
    tables = [n for t, n, _ in schema if t == "table" and n != "search"]
    shadow = [n for (n,) in con.execute("SELECT name FROM old.sqlite_schema WHERE name LIKE 'search!_%' ESCAPE '!'")]
    for t in [t for t in FTS_SHADOW + tables + ["search_content"] if t in shadow + tables]:
        con.execute(f"DELETE FROM main.{t}")
        cols = ", ".join(c[1] for c in con.execute(f"PRAGMA main.table_info({t})"))
        con.execute(f"INSERT INTO main.{t}({cols}) SELECT {cols} FROM old.{t}")
    con.execute("COMMIT; DETACH old")
    con.close()


def contentless(src, dst, page_size):
    """Slim, and FTS5 keeps no copy of the text (content=''): no snippet() from the database."""
    slim(src, dst, page_size)
    con = apsw.Connection(dst)
    con.execute("""BEGIN;
      CREATE VIRTUAL TABLE s2 USING fts5(title, headings, body, content='', tokenize='porter unicode61 remove_diacritics 2');
      INSERT INTO s2(s2, rank) VALUES('hashsize', 67108864);
      INSERT INTO s2(s2, rank) VALUES('rank', 'bm25(10.0, 4.0, 1.0)');
      INSERT INTO s2(rowid, title, headings, body) SELECT rowid, title, headings, body FROM search;
      DROP TABLE search; ALTER TABLE s2 RENAME TO search; COMMIT;
      INSERT INTO search(search) VALUES('optimize'); VACUUM""")
    con.close()


def proposed(src, dst, page_size):
    """What this record proposes: contentless, and the index first."""
    contentless(src, dst + ".tmp", page_size)
    hot_first(dst + ".tmp", dst, page_size)
    os.remove(dst + ".tmp")


def layouts(chosen_ps):
    """(name, make(src, dst), the MODES measured) for every layout."""
    every = ["engine", "no snippet", "index only", "shown 8"]
    out = [("built", lambda s, d: shutil.copy(s, d), ["engine"])]
    for ps in PAGE_SIZES:
        out.append((f"vacuum-{ps >> 10}k", lambda s, d, ps=ps: copy_vacuum(s, d, ps), ["engine"]))
    for ps in PAGE_SIZES:
        out.append((f"slim-{ps >> 10}k", lambda s, d, ps=ps: slim(s, d, ps), ["engine", "index only"]))
    for ps in PAGE_SIZES:
        out.append((f"hot-{ps >> 10}k", lambda s, d, ps=ps: hot_first(s, d, ps), every))
    out.append((f"contentless-{chosen_ps >> 10}k", lambda s, d: contentless(s, d, chosen_ps), ["no snippet", "index only"]))
    out.append((f"proposed-{chosen_ps >> 10}k", lambda s, d: proposed(s, d, chosen_ps), ["index only"]))
    return out


# ---------------------------------------------------------------- the corpus and its builds
def build(logbook, content, out_dir, db_path):
    if os.path.exists(db_path): return
    t = time.time()
    r = subprocess.run([logbook, "build", content, "-o", out_dir], capture_output=True, text=True)
    if r.returncode != 0 or not os.path.exists(os.path.join(out_dir, "search.db")):
        sys.exit(f"logbook build {content} failed:\n{r.stderr[-2000:]}")
    shutil.copy(os.path.join(out_dir, "search.db"), db_path)
    print(f"# built {content} in {time.time() - t:.1f} s", flush=True)


def edited_corpus(corpus, dst, page, edit):
    """A copy of the corpus with one page's body changed: one word, or one paragraph replaced."""
    if os.path.exists(dst): shutil.rmtree(dst)
    shutil.copytree(corpus, dst)
    path = os.path.join(dst, page)
    text = open(path, encoding="utf-8").read()
    paragraphs = [m for m in re.finditer(r"\n\n([A-Z][^\n#|`*-][^\n]{80,})\n", text)]
    p = paragraphs[len(paragraphs) // 2]
    if edit == "word":
        words = list(re.finditer(r"\b[a-z]{5,}\b", p.group(1)))
        w = words[len(words) // 2]
        start = p.start(1) + w.start()
        text = text[:start] + "quarterback" + text[start + len(w.group()):]
    else:
        new = "This paragraph was rewritten for the stability measurement; it is longer than the one it replaces " \
              "and names a deployment, a rollback plan, the owners of the runbook and the review date."
        text = text[:p.start(1)] + new + text[p.end(1):]
    open(path, "w", encoding="utf-8").write(text)


def corpus_words(corpus):
    df = collections.Counter()
    files = []
    for dp, _, fs in os.walk(corpus):
        for f in fs:
            if f.endswith(".md"): files.append(os.path.relpath(os.path.join(dp, f), corpus))
    files.sort()
    for f in files:
        body = open(os.path.join(corpus, f), encoding="utf-8").read().split("\n---\n", 1)[-1].lower()
        df.update(set(re.findall(r"[a-z]+", body)))
    return df, files


def pick_queries(df, n_pages):
    """~24 queries as readers type them: words at several document frequencies, two-word
    queries, and prefixes (the last word while it is typed). Seeded, so runs compare."""
    rng = random.Random(13)
    def pick(lo, hi, k, minlen):
        c = sorted(w for w, n in df.items() if lo * n_pages <= n <= hi * n_pages and len(w) >= minlen)
        return rng.sample(c, k)
    rare, low, mid = pick(0, 0.002, 4, 7), pick(0.008, 0.02, 4, 6), pick(0.08, 0.2, 4, 5)
    common = ["system", "search", "people"]
    q = [([w], False) for w in rare + low + mid + common]
    q += [([low[0], mid[0]], False), ([rare[0], common[0]], False), ([mid[1], mid[2]], False),
          ([common[1], low[1]], False), ([rare[1], rare[2]], False)]
    q += [([mid[3][:3]], True), ([low[2][:4]], True), ([common[0][:5]], True), ([mid[0], low[3][:4]], True)]
    cold = pick(0.03, 0.06, 1, 6)[0]
    return ([cold], False), q


# ---------------------------------------------------------------- reports
def kib(b): return f"{b / 1024:.0f} KiB" if b < 10 << 20 else f"{b / (1 << 20):.1f} MiB"


def dbstat(db):
    con = apsw.Connection(db, flags=apsw.SQLITE_OPEN_READONLY)
    total = os.path.getsize(db)
    rows = list(con.execute("SELECT name, count(*), sum(pgsize) FROM dbstat GROUP BY name ORDER BY 3 DESC"))
    print(f"\n## dbstat of {os.path.basename(db)}: {kib(total)}, gzip -6 {kib(len(gzip.compress(open(db, 'rb').read(), 6)))}\n")
    print("| table or index | pages | bytes | % of file |\n|---|---:|---:|---:|")
    for name, pages, size in rows:
        print(f"| {name} | {pages} | {size} | {100 * size / total:.1f} |")
    md = con.execute("SELECT sum(length(CAST(markdown AS BLOB))) FROM pages").fetchall()[0][0]
    print(f"\npages.markdown holds {kib(md)} of text ({100 * md / total:.1f} % of the file, overflow pages included in `pages`).")
    con.close()


def piece_hashes(db, piece):
    data = open(db, "rb").read()
    return [hashlib.sha256(data[i:i + piece]).hexdigest()[:16] for i in range(0, len(data), piece)]


class GzipSizes:
    """gzip -6 size of each piece, computed for the pieces a query touched only."""
    def __init__(self, db, piece):
        self.f, self.piece, self.sizes = open(db, "rb"), piece, {}

    def __call__(self, pieces):
        for i in pieces:
            if i not in self.sizes:
                self.f.seek(i * self.piece)
                self.sizes[i] = len(gzip.compress(self.f.read(self.piece), 6))
        return sum(self.sizes[i] for i in pieces)


def query_report(name, db, mode, cold, queries, fragments):
    size = os.path.getsize(db)
    (cold_reads,), (cold_hits,) = measure_reads(db, mode, [cold])
    per_query, answers = measure_reads(db, mode, queries)
    if mode != "shown 8" and [[i for i, _ in a] for a in answers] != REFERENCE:
        print(f"WARNING: {name} answers differently from the built database", flush=True)
    page_size = apsw.Connection(db).execute("PRAGMA page_size").fetchall()[0][0]
    rows = []
    for piece in PIECE_SIZES + [None]:
        grain = piece or page_size
        gz = GzipSizes(db, grain)
        first, each = pieces_of(cold_reads, grain), [pieces_of(r, grain) for r in per_query]
        union, common = first.union(*each), first.intersection(*each)
        raw = lambda ps: len(ps) * grain
        # Pieces travel gzipped (hosts compress them); a Range read must not be compressed.
        cost = (lambda r, g: f"{kib(r)} / {kib(g)}") if piece else (lambda r, g: kib(r))
        def spread(values):
            values = sorted(values)
            return values[len(values) // 2], values[min(len(values) - 1, int(0.95 * len(values)))]
        (raw50, raw95), (gz50, gz95) = spread(raw(p) for p in each), spread(gz(p) for p in each)
        label = kib(piece) if piece else f"{kib(grain)} Range"
        rows.append(f"| {name} | {mode} | {label} | {-(-size // grain)} | {len(first)}: {cost(raw(first), gz(first))} | "
                    f"{cost(raw50, gz50)} | {cost(raw95, gz95)} | {cost(raw(union), gz(union))} | {kib(raw(common))} |")
    if mode == "index only":
        f50, f95 = sorted(map(fragments, answers))[len(answers) // 2], sorted(map(fragments, answers))[int(0.95 * len(answers))]
        rows.append(f"| {name} | + index.md of the {SHOWN} shown, gzip | – | – | {kib(fragments(cold_hits))} | {kib(f50)} | {kib(f95)} | – | – |")
    return rows


def stability(name, make, dbs, work):
    """Pieces of the edited builds that the base build does not have (content addressed: by hash)."""
    files = {}
    for tag, src in dbs.items():
        dst = os.path.join(work, f"stab-{name}-{tag}.db")
        make(src, dst)
        files[tag] = dst
    rows = []
    for piece in PIECE_SIZES:
        base = set(piece_hashes(files["base"], piece))
        cells = []
        for tag in ("same", "word", "paragraph"):
            new = piece_hashes(files[tag], piece)
            changed = [i for i, h in enumerate(new) if h not in base]
            gz = GzipSizes(files[tag], piece)(changed)
            cells.append(f"{len(changed)}/{len(new)} ({kib(len(changed) * piece)} / {kib(gz)})")
        rows.append(f"| {name} | {kib(piece)} | " + " | ".join(cells) + " |")
    rows.append(f"| {name} | SQLite pages changed in place, by table | – | {changed_by_table(files['base'], files['word'])} | "
                f"{changed_by_table(files['base'], files['paragraph'])} |")
    for f in files.values(): os.remove(f)
    return rows


def changed_by_table(old, new):
    """Which b-trees the changed pages belong to: says where a one-page edit spreads."""
    con = apsw.Connection(new, flags=apsw.SQLITE_OPEN_READONLY)
    ps = con.execute("PRAGMA page_size").fetchall()[0][0]
    owner = dict(con.execute("SELECT pageno, name FROM dbstat"))
    a, b = open(old, "rb").read(), open(new, "rb").read()
    count = collections.Counter(owner.get(i // ps + 1, "free") for i in range(0, len(b), ps) if a[i:i + ps] != b[i:i + ps])
    con.close()
    return ", ".join(f"{n} {c}" for n, c in count.most_common(4))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--work", required=True)
    ap.add_argument("--logbook", default=os.path.join(ROOT, "build/native/src/cli/logbook"))
    ap.add_argument("--chosen-page-size", type=int, default=4096, help="page size of the contentless layout and the stability rows")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    t0 = time.time()
    df, files = corpus_words(a.corpus)
    page = files[len(files) // 2]
    out = os.path.join(a.work, "site")
    dbs = {"base": os.path.join(a.work, "base.db"), "same": os.path.join(a.work, "same.db"),
           "word": os.path.join(a.work, "word.db"), "paragraph": os.path.join(a.work, "paragraph.db")}
    build(a.logbook, a.corpus, out, dbs["base"])
    if os.path.exists(dbs["same"]) is False: shutil.rmtree(out, ignore_errors=True)
    build(a.logbook, a.corpus, out, dbs["same"])
    for edit in ("word", "paragraph"):
        if os.path.exists(dbs[edit]): continue
        edited = os.path.join(a.work, "edited")
        edited_corpus(a.corpus, edited, page, edit)
        build(a.logbook, edited, out, dbs[edit])
        shutil.rmtree(edited)
    shutil.rmtree(out, ignore_errors=True)

    print(f"# {a.corpus}: {len(files)} pages; edited page {page}; SQLite {apsw.sqlitelibversion()}")
    dbstat(dbs["base"])
    cold, queries = pick_queries(df, len(files))
    print(f"\ncold query: {cold[0][0]}; queries: " + ", ".join(" ".join(w) + ("*" if p else "") for w, p in queries))

    print(f"\n## bytes fetched, raw / gzip -6, per layout, query mode and piece size (limit {LIMIT}, the engine's two tiers)\n")
    print("| layout | mode | piece | pieces | first query (cold): pieces, bytes | per query median | per query p95 | all queries, one cache | in every query |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    fragments = Fragments(a.corpus, dbs["base"])
    # Every layout must rank the same pages in the same order as the built file.
    REFERENCE[:] = [[i for i, _ in hits] for hits in measure_reads(dbs["base"], "index only", queries)[1]]
    for name, make, modes in layouts(a.chosen_page_size):
        db = os.path.join(a.work, f"layout-{name}.db")
        t = time.time()
        make(dbs["base"], db)
        for mode in modes:
            for row in query_report(name, db, mode, cold, queries, fragments): print(row, flush=True)
        print(f"<!-- {name}: {kib(os.path.getsize(db))}, gzip -6 {kib(len(gzip.compress(open(db, 'rb').read(), 6)))}; "
              f"made and measured in {time.time() - t:.1f} s -->", flush=True)
        os.remove(db)

    print("\n## pieces of the rebuilt database not in the base build (by hash), after one page's edit\n")
    print("pieces changed / pieces, (raw / gzip -6 of the changed pieces)\n")
    print("| layout | piece | same content rebuilt | one-word edit | one-paragraph edit |\n|---|---|---|---|---|")
    ps = a.chosen_page_size
    for name, make in [("built (no VACUUM)", shutil.copy), ("vacuum-4k", lambda s, d: copy_vacuum(s, d, 4096)),
                       (f"hot-{ps >> 10}k", lambda s, d: hot_first(s, d, ps)),
                       (f"proposed-{ps >> 10}k", lambda s, d: proposed(s, d, ps))]:
        for row in stability(name, make, dbs, a.work): print(row, flush=True)
    print(f"\n# done in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
