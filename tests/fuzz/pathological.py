#!/usr/bin/env python3
"""The linear-cost check: hostile pages must cost no more than ordinary ones.

For each kind of pathological page (deep nesting, one long word, floods of brackets,
backticks, entities, wikilinks, table columns, front-matter aliases...) this writes a
content folder holding that page at N and 4N bytes, runs `logbook build`, `logbook
check` and the app's layout (the fuzz_layout target replaying the page) on it, and
measures CPU time and peak memory. A case fails when it crashes, times out, passes the
memory ceiling, or when the 4N page costs more than BOUND times an ordinary page of
4N bytes. Search is checked the same way: long and repetitive queries against a
two-word one.

  tests/fuzz/pathological.py --logbook build/native/src/cli/logbook \
      --layout build/native/tests/fuzz/fuzz_layout [--size 100000] [--only wikilinks]

Prints one line per case and tool (time, memory, ratio to ordinary text) and exits 1
if any case fails. Runs in ctest as `pathological`.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

WORDS = ("the team decided to keep decision records next to the code so that every "
         "change to the architecture is reviewed like code and searchable offline ").split()


def prose(n):
    """Ordinary writing: paragraphs of words, a heading now and then, some emphasis and links."""
    out, i = [], 0
    size = 0
    while size < n:
        para = []
        for _ in range(60):
            w = WORDS[i % len(WORDS)]
            if i % 17 == 0:
                w = f"**{w}**"
            elif i % 23 == 0:
                w = f"[{w}](https://example.org/{w})"
            para.append(w)
            i += 1
        block = (f"## Section {i}\n\n" if i % 600 == 0 else "") + " ".join(para) + ".\n\n"
        out.append(block)
        size += len(block)
    return "".join(out)[:n]


def repeat(unit, n):
    return (unit * (n // len(unit) + 1))[:n]


def billion_laughs(n):
    """Front matter whose aliases expand exponentially, then ordinary text up to n bytes."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, 9):
        prev, cur = chr(ord("a") + k - 1), chr(ord("a") + k)
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    head = "---\ntitle: Laughs\n" + "\n".join(lines) + "\n---\n\n"
    return head + prose(n - len(head))


def big_front_matter(n):
    body = "# Big\n"
    items = repeat("  - tag\n", n - len(body) - 20)
    return "---\ntags:\n" + items + "---\n" + body


def table_columns(n):
    cols = n // 6
    return "|" + "a|" * cols + "\n|" + "-|" * cols + "\n|" + "b|" * cols + "\n"


KINDS = {
    "ordinary": prose,
    "nested_quotes": lambda n: repeat(">", n - 3) + " a\n",
    "nested_lists": lambda n: repeat("- ", n - 3) + "a\n",
    "long_word": lambda n: repeat("x", n - 1) + "\n",
    "brackets": lambda n: repeat("[", n),
    "backticks": lambda n: repeat("`", n),
    "backtick_runs": lambda n: repeat("a`` ", n),
    "entities": lambda n: repeat("&#", n),
    "angles": lambda n: repeat("<", n),
    "heading_tags": lambda n: repeat("<h1 ", n),                  # the pass that moves heading ids
    "heading_anchors": lambda n: repeat("<h2><a id=\"", n),
    "emphasis": lambda n: repeat("*a ", n),
    "wikilinks": lambda n: repeat("[[a]] ", n),
    "table_columns": table_columns,
    "front_matter_aliases": billion_laughs,
    "front_matter_big": big_front_matter,
}

# What a reader may paste into search, against a two-word query (queries are short, so
# their sizes are fixed here rather than scaled).
QUERIES = {
    "ordinary": "decision records",
    "repeated_words": " ".join(["decision"] * 4000),
    "long_paragraph": prose(24000).replace("\n", " "),
    "many_operators": " OR ".join(["deploy"] * 2000),
}


def run(cmd, timeout, limit_mb):
    """Runs cmd; returns (status, cpu seconds, peak RSS MB). status is 'ok', a failure word."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    status = None
    while True:
        pid, code, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            status = f"timeout>{timeout:.0f}s"
        elif rss_mb(proc.pid) > limit_mb:
            status = f"memory>{limit_mb}MB"
        if status:
            proc.kill()
            pid, code, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    proc.returncode = code  # reaped here, not by Popen
    cpu = usage.ru_utime + usage.ru_stime
    peak = usage.ru_maxrss / 1024
    if status is None:
        if os.WIFSIGNALED(code):
            status = f"signal {os.WTERMSIG(code)}"
        elif os.WEXITSTATUS(code) > 1:  # 1: the command reported diagnostics
            status = f"exit {os.WEXITSTATUS(code)}"
        else:
            status = "ok"
    return status, cpu, peak


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0


class Checker:
    def __init__(self, args, work):
        self.args, self.work = args, work
        self.failures = []
        self.baseline = {}  # tool -> (cpu, rss) of ordinary text at 4N

    def folder(self, kind, size):
        content = os.path.join(self.work, f"{kind}-{size}", "content")
        os.makedirs(content, exist_ok=True)
        with open(os.path.join(content, "index.md"), "w") as f:
            f.write("# Home\n\nSee [the page](page.md).\n")
        page = os.path.join(content, "page.md")
        with open(page, "w") as f:
            f.write(KINDS[kind](size))
        return content, page

    def tools(self, content, page):
        a = self.args
        out = os.path.join(os.path.dirname(content), "site")
        tools = {
            "build": [a.logbook, "build", content, "-o", out, "--app-dir", os.path.join(self.work, "no-app")],
            "check": [a.logbook, "check", content, "--today", "2026-01-01"],
        }
        if a.layout:
            tools["layout"] = [a.layout, page]
        return tools

    def measure(self, kind, size, skip=()):
        content, page = self.folder(kind, size)
        results = {}
        for tool, cmd in self.tools(content, page).items():
            if tool not in skip:
                results[tool] = run(cmd, self.args.timeout, self.args.limit_mb)
        shutil.rmtree(os.path.dirname(content))
        return results

    def judge(self, label, tool, status, cpu, rss, base):
        ratio_t = cpu / max(base[0], self.args.min_seconds)
        ratio_m = rss / base[1]
        line = f"{label:<34} {tool:<7} {status:<14} {cpu:8.2f}s {rss:8.0f}MB   x{ratio_t:6.1f} time  x{ratio_m:5.1f} memory"
        bad = status != "ok" or ratio_t > self.args.bound or ratio_m > self.args.memory_bound
        if bad:
            self.failures.append(line)
        print(("FAIL " if bad else "ok   ") + line, flush=True)

    def pages(self, n):
        big = n * self.args.factor
        for tool, (status, cpu, rss) in self.measure("ordinary", big).items():
            if status != "ok":
                sys.exit(f"pathological: ordinary text fails in {tool} ({status}); nothing to compare with")
            self.baseline[tool] = (cpu, rss)
            print(f"     {'ordinary ' + str(big):<34} {tool:<7} {status:<14} {cpu:8.2f}s {rss:8.0f}MB   (baseline)", flush=True)
        for kind in KINDS:
            if kind == "ordinary" or (self.args.only and kind not in self.args.only):
                continue
            small = self.measure(kind, n)
            # A tool that already fails at N is not run at 4N: it would only take longer.
            failed = [tool for tool, (status, _, _) in small.items() if status != "ok"]
            large = self.measure(kind, big, skip=failed)
            for tool in small:
                if tool in failed:
                    self.judge(f"{kind} {n}", tool, *small[tool], self.baseline[tool])
                    continue
                growth = large[tool][1] / max(small[tool][1], self.args.min_seconds)
                self.judge(f"{kind} {big} (N->4N x{growth:.1f})", tool, *large[tool], self.baseline[tool])

    def search(self):
        if self.args.only and "search" not in self.args.only:
            return
        content, _ = self.folder("ordinary", self.args.size)
        site = os.path.join(os.path.dirname(content), "site")
        status, _, _ = run(self.tools(content, "")["build"], self.args.timeout, self.args.limit_mb)
        if status != "ok":
            sys.exit(f"pathological: the search site does not build ({status})")
        base = None
        for name, query in QUERIES.items():
            status, cpu, rss = run([self.args.logbook, "search", site, query], self.args.timeout, self.args.limit_mb)
            if base is None:
                base = (cpu, rss)
                print(f"     {'query ' + name:<34} {'search':<7} {status:<14} {cpu:8.2f}s {rss:8.0f}MB   (baseline)", flush=True)
                continue
            self.judge(f"query {name} ({len(query)} B)", "search", status, cpu, rss, base)


# A NUL cannot be passed in argv: the query with a NUL is replayed through the core by
# the fuzz_search target (tests/fuzz/regressions/search).


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--logbook", required=True, help="the logbook command")
    p.add_argument("--layout", help="fuzz_layout built with replay_main (the app's layout on one page)")
    p.add_argument("--size", type=int, default=100_000, help="N, bytes of the small page (default 100000)")
    p.add_argument("--factor", type=int, default=4, help="the large page is N times this (default 4)")
    p.add_argument("--bound", type=float, default=8, help="most CPU time a case may cost, times ordinary text (default 8)")
    # cmark-gfm allocates one syntax-tree node (a few hundred bytes) for each '>' of a
    # nested quote or each delimiter of a flood, where prose needs one per line: a
    # fixed multiple, measured at 5-8x ordinary text's peak; 12 leaves room for noise.
    p.add_argument("--memory-bound", type=float, default=12,
                   help="most peak memory a case may cost, times ordinary text (default 12)")
    p.add_argument("--timeout", type=float, default=30, help="seconds before a run counts as hung (default 30)")
    p.add_argument("--limit-mb", type=int, default=1024, help="memory ceiling per run (default 1024)")
    p.add_argument("--min-seconds", type=float, default=0.1,
                   help="floor under the CPU times compared: below it, startup and noise dominate (default 0.1)")
    p.add_argument("--only", nargs="*", help="kinds to run (and 'search')")
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="logbook-pathological-") as work:
        checker = Checker(args, work)
        checker.pages(args.size)
        checker.search()
    if checker.failures:
        print(f"\n{len(checker.failures)} case(s) cost more than {args.bound:g}x ordinary text, crashed or hung:")
        print("\n".join(checker.failures))
        return 1
    print("\nEvery case stays within the linear bound.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
