#!/usr/bin/env python3
"""Fetches the judged search set's corpora into OUT (never committed):

  OUT/npm/content/NAME.md   the README.md of each package in packages.txt, from its npm
                            tarball (`npm pack`), with the package name as its title
  OUT/ja/content/manN/NAME.md  Debian's manpages-ja (Japanese manual pages, `apt-get download`)
                            converted from roff to Markdown by roff_to_markdown below

  python3 bench/search_quality/fetch_corpus.py /tmp/search-quality
"""
import glob, gzip, io, os, re, subprocess, sys, tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def packages():
    with open(os.path.join(HERE, "packages.txt")) as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def file_name(package):  # @babel/core -> babel-core
    return package.lstrip("@").replace("/", "-")


def readme_of(tgz):
    with tarfile.open(tgz) as t:
        names = [m for m in t.getmembers() if m.isfile() and re.fullmatch(r"[^/]+/readme(\.md|\.markdown)?", m.name, re.I)]
        if not names: return None
        return t.extractfile(sorted(names, key=lambda m: (not m.name.lower().endswith(".md"), m.name))[0]).read().decode("utf-8", "replace")


def fetch_npm(out):
    cache, content = os.path.join(out, "npm-tarballs"), os.path.join(out, "npm", "content")
    os.makedirs(cache, exist_ok=True)
    os.makedirs(content, exist_ok=True)
    names = packages()
    for i in range(0, len(names), 25):
        batch = [n for n in names[i:i + 25] if not glob.glob(os.path.join(cache, file_name(n).replace("-", "?") + "-[0-9]*.tgz"))]
        if batch:
            r = subprocess.run(["npm", "pack", "--silent", "--pack-destination", cache, *batch], capture_output=True, text=True)
            if r.returncode: print(f"npm pack: {r.stderr.strip()[-300:]}", file=sys.stderr)
    written = 0
    for name in names:
        found = sorted(glob.glob(os.path.join(cache, file_name(name) + "-[0-9]*.tgz")))
        text = readme_of(found[-1]) if found else None
        if not text or len(text) < 200: continue
        with open(os.path.join(content, file_name(name) + ".md"), "w") as f:
            f.write(f"---\ntitle: \"{name}\"\n---\n\n{text}")
        written += 1
    print(f"npm: {written} READMEs of {len(names)} packages in {content}")


ESCAPES = [(r"\(em", "—"), (r"\(en", "–"), (r"\(aq", "'"), (r"\(dq", '"'), (r"\(lq", "“"), (r"\(rq", "”"),
           (r"\*(lq", "“"), (r"\*(rq", "”"), (r"\(bu", "•"), (r"\(co", "©"), (r"\-", "-"), (r"\e", "\\"), (r"\~", " "),
           (r"\ ", " "), (r"\&", ""), (r"\,", ""), (r"\/", ""), (r"\|", ""), (r"\^", ""), (r"\c", "")]


def inline(text):
    text = re.sub(r"\\f(\(..|\[[^]]*\]|.)", "", text)  # font changes
    for roff, plain in ESCAPES: text = text.replace(roff, plain)
    text = re.sub(r"\\\(..|\\\*.|\\s[-+]?\d", "", text)  # other named characters, strings, sizes
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)  # Markdown's own characters, as text


def macro_text(args):  # .B "a b" c -> a b c
    return " ".join(a.strip('"') for a in re.findall(r'"[^"]*"|\S+', args))


def roff_to_markdown(roff):
    out, title = [], None
    for line in roff.splitlines():
        if line.startswith(('.\\"', "'\\\"")) or line.strip() in (".", "'"): continue
        m = re.match(r"[.'](\S+)\s*(.*)", line)
        if not m:
            out.append(inline(line))
            continue
        name, args = m.group(1), m.group(2)
        if name == "TH": title = macro_text(args).split(" ")[0]
        elif name == "SH": out += ["", "## " + inline(macro_text(args)), ""]
        elif name == "SS": out += ["", "### " + inline(macro_text(args)), ""]
        elif name in ("PP", "LP", "P", "sp", "TP", "HP", "br"): out.append("")
        elif name == "IP": out += ["", inline(macro_text(args))]
        elif name in ("B", "I", "SM", "SB", "BR", "BI", "IB", "IR", "RB", "RI", "UR", "MT"): out.append(inline(macro_text(args)))
        elif name == "so": return None, None  # a link to another page
    return title, "\n".join(out)


def fetch_ja(out):
    work, content = os.path.join(out, "manpages-ja"), os.path.join(out, "ja", "content")
    os.makedirs(work, exist_ok=True)
    if not glob.glob(os.path.join(work, "*.deb")):
        subprocess.run(["apt-get", "download", "manpages-ja"], cwd=work, check=True, capture_output=True)
    root = os.path.join(work, "x")
    if not os.path.isdir(root): subprocess.run(["dpkg-deb", "-x", glob.glob(os.path.join(work, "*.deb"))[0], root], check=True)
    written = 0
    for path in sorted(glob.glob(os.path.join(root, "usr/share/man/ja/man*/*.gz"))):
        section = os.path.basename(os.path.dirname(path))
        page = os.path.basename(path)[:-3]
        title, md = roff_to_markdown(gzip.open(path).read().decode("utf-8", "replace"))
        if not md: continue
        os.makedirs(os.path.join(content, section), exist_ok=True)
        name = page.rsplit(".", 1)[0]
        with open(os.path.join(content, section, name + ".md"), "w") as f:
            f.write(f"---\ntitle: \"{name}({page.rsplit('.', 1)[-1]})\"\n---\n\n{md}\n")
        written += 1
    print(f"ja: {written} manual pages in {content}")


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/search-quality"
    fetch_npm(out)
    fetch_ja(out)
