#!/usr/bin/env python3
"""Time from saving one page to the browser being told to reload, under `logbook serve`.

usage: bench/serve_rebuild.py CONTENT_DIR [EDITS]      (e.g. /tmp/anchors/c10k)

Starts `logbook serve` on a copy of CONTENT_DIR, listens to the live-reload event
stream as an open page does, then edits EDITS different pages one at a time (appending
a paragraph) and measures from the write to the `reload` event. Prints p50 and max.
"""
import http.client, os, shutil, socket, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
logbook = os.path.join(root, "build/native/src/cli/logbook")
src, edits = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 7

work = tempfile.mkdtemp(prefix="logbook-rebuild-")
content = os.path.join(work, "content")
shutil.copytree(src, content)
pages = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(content) for f in fs if f.endswith(".md"))
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
server = subprocess.Popen([logbook, "serve", content, "-o", os.path.join(work, "site"), "--port", str(port)],
                          stderr=subprocess.PIPE, text=True)
try:
    while True:  # wait for "Serving ..."
        line = server.stderr.readline()
        if not line: raise SystemExit("logbook serve exited")
        if line.startswith("Serving"): break
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/_logbook/events")
    events = conn.getresponse()
    assert events.readline().startswith(b"retry:")
    times = []
    for k in range(edits):
        page = pages[(k * 7919) % len(pages)]
        time.sleep(0.3)
        t0 = time.perf_counter()
        with open(page, "a", encoding="utf-8") as f:
            f.write(f"\n\nEdited for the rebuild benchmark, round {k}.\n")
        while True:
            line = events.readline()
            if line.startswith(b"event: reload"): break
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"{len(pages)} pages, {edits} edits: save -> reload event p50 {times[len(times) // 2]:.0f} ms, "
          f"max {times[-1]:.0f} ms (each: {', '.join(f'{t:.0f}' for t in times)})")
finally:
    server.terminate(); server.wait()
    shutil.rmtree(work, ignore_errors=True)
