#!/usr/bin/env python3
"""Times `dossier serve` rebuilding after one sidecar is edited.

    serve_rebuild.py <dossier binary> <dossier root> <edits per case>

Starts `dossier serve --port 0` on the dossier, waits for the first
"built in" line on stderr, then edits one sidecar the way a person would,
again and again, and reads the "built in N ms: R of P pages rendered" line
that follows each save. Two cases, each alternating the edit and its undo:

  stance  one annotation's stance becomes `context` (and back);
  quote   one annotation's quote loses its first word: still a valid,
          unique quote, but a different highlight (and back).

Prints JSON: per case, every sample and the medians. The sidecar is left
as it was found. Only 127.0.0.1 is used; the server is stopped at the end.
"""

import glob
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time

BUILT = re.compile(r"built in (\d+) ms: (\d+) of (\d+) pages rendered, (\d+) files changed")
# Longer than serve's debounce (150 ms): one save, one rebuild.
SETTLE = 0.6


def flip_stance(text):
    return re.sub(r"(?m)^(\s+stance: )(supports|disputes)$", r"\1context", text, count=1)


def shorten_quote(text):
    return re.sub(r'(?m)^(\s+quote: ")[^ "]+ ', r"\1", text, count=1)


class Server:
    def __init__(self, dossier, root):
        env = dict(os.environ, NO_COLOR="1")
        self.proc = subprocess.Popen(
            [dossier, "serve", "--root", root, "--port", "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines = queue.Queue()
        self.log = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            self.log.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def built(self, timeout):
        """The next "built in" line, as numbers; fails on anything else final."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SystemExit(f"no rebuild within {timeout} s; serve said:\n{''.join(self.log[-20:])}")
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise SystemExit(f"serve stopped; it said:\n{''.join(self.log[-20:])}")
            m = BUILT.search(line)
            if m:
                ms, rendered, pages, changed = map(int, m.groups())
                return {"ms": ms, "rendered": rendered, "pages": pages, "changed": changed}
            if line.startswith("not rebuilt") or line.startswith("error"):
                raise SystemExit(f"the edit broke the build:\n{''.join(self.log[-20:])}")

    def extra(self):
        """Rebuilds nobody asked for (one save seen as two changes)."""
        n = 0
        while True:
            try:
                line = self.lines.get_nowait()
            except queue.Empty:
                return n
            if line and BUILT.search(line):
                n += 1

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main():
    dossier, root, edits = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3])
    sidecars = sorted(glob.glob(os.path.join(root, "content", "articles", "*.yaml")))
    sidecar = sidecars[len(sidecars) // 2]
    with open(sidecar, encoding="utf-8") as f:
        original = f.read()
    server = Server(dossier, root)
    result = {"sidecar": os.path.relpath(sidecar, root), "cases": {}}
    try:
        started = time.monotonic()
        result["first_build"] = server.built(timeout=900)
        result["first_build"]["wall_ms"] = round((time.monotonic() - started) * 1000)
        for case, edit in [("stance", flip_stance), ("quote", shorten_quote)]:
            edited = edit(original)
            assert edited != original, f"no {case} to edit in {sidecar}"
            samples, extra = [], 0
            for i in range(edits):
                time.sleep(SETTLE)
                extra += server.extra()
                t0 = time.monotonic()
                with open(sidecar, "w", encoding="utf-8") as f:
                    f.write(edited if i % 2 == 0 else original)
                sample = server.built(timeout=120)
                sample["wall_ms"] = round((time.monotonic() - t0) * 1000)
                samples.append(sample)
            time.sleep(SETTLE)
            extra += server.extra()
            result["cases"][case] = {
                "samples": samples,
                "median_ms": statistics.median(s["ms"] for s in samples),
                "median_wall_ms": statistics.median(s["wall_ms"] for s in samples),
                "extra_rebuilds": extra,
            }
    finally:
        with open(sidecar, "w", encoding="utf-8") as f:
            f.write(original)
        server.stop()
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
