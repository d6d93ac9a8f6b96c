#!/usr/bin/env python3
"""Turns what bench/run.sh measured into a Markdown report.

    report.py <bench dir> <N>...

Reads <bench dir>/env.txt, n<N>/hyperfine.json, n<N>/peak-*.txt,
n<N>/files-*.txt and serve.json; prints the report.
"""

import json
import os
import sys

# The floors of the performance issue (2 cores, same run).
FLOOR_RATIO_10K = 0.5
FLOOR_SCALING = 11
FLOOR_PEAK_MIB = 512
FLOOR_SERVE_MS = 100


def read(path, default=None):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except FileNotFoundError:
        return default


def seconds(s):
    return f"{s:.3f} s" if s < 10 else f"{s:.2f} s"


def timed(r):
    return f"{seconds(r['mean'])} ± {r['stddev'] or 0:.3f}"


def mib(kib):
    return f"{int(kib) / 1024:.0f} MiB"


def main():
    bench, sizes = sys.argv[1], [int(n) for n in sys.argv[2:]]
    env = dict(line.split("=", 1) for line in read(os.path.join(bench, "env.txt"), "").splitlines() if "=" in line)
    rows = {}
    for n in sizes:
        d = os.path.join(bench, f"n{n}")
        results = {r["command"]: r for r in json.load(open(os.path.join(d, "hyperfine.json")))["results"]}
        rows[n] = {
            "build": results["dossier build"],
            "check": results["dossier check"],
            "hugo": results["hugo build"],
            "cold": {r["command"]: r for r in json.load(open(os.path.join(d, "hyperfine-cold.json")))["results"]},
            "peak_dossier": read(os.path.join(d, "peak-dossier.txt")),
            "peak_hugo": read(os.path.join(d, "peak-hugo.txt")),
            "files_dossier": read(os.path.join(d, "files-dossier.txt")),
            "files_hugo": read(os.path.join(d, "files-hugo.txt")),
        }

    out = []
    say = out.append
    say("## Results")
    say("")
    say(
        f"Measured {env.get('date', '?')} on {env.get('cpu', '?')}, {env.get('cores', '?')} cores; "
        f"load average {env.get('load_start', '?')} at the start, {env.get('load_end', '?')} at the end. "
        f"dossier {env.get('dossier', '?')}; {env.get('hugo', '?')}; {env.get('hyperfine', '?')}; "
        f"corpus seed {env.get('seed', '?')}."
    )
    say("")
    say("Wall-clock time, mean ± standard deviation of the hyperfine runs:")
    say("")
    say("| N | dossier build | dossier check | Hugo build | ratio | dossier peak memory | Hugo peak memory |")
    say("|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in rows.items():
        ratio = r["build"]["mean"] / r["hugo"]["mean"]
        say(
            f"| {n:,} | {timed(r['build'])} | {timed(r['check'])} | {timed(r['hugo'])} | {ratio:.2f} | "
            f"{mib(r['peak_dossier'])} | {mib(r['peak_hugo'])} |"
        )
    say("")
    say("ratio = dossier build / Hugo build (below 1: dossier is faster). Peak memory: maximum resident set size of one build.")
    say("Each build writes over the output of the one before, as a rebuild does: Hugo rewrites every file, dossier only")
    say("the files whose bytes changed (none here).")
    say("")
    say("Into an empty output folder (the folder removed before each run, untimed):")
    say("")
    say("| N | dossier build | Hugo build | ratio |")
    say("|---:|---:|---:|---:|")
    for n, r in rows.items():
        c = r["cold"]
        ratio = c["dossier build"]["mean"] / c["hugo build"]["mean"]
        say(f"| {n:,} | {timed(c['dossier build'])} | {timed(c['hugo build'])} | {ratio:.2f} |")
    say("")
    say("CPU time (user + system) of the same runs, less sensitive to other load on the machine:")
    say("")
    say("| N | dossier build | dossier check | Hugo build | ratio | files written: dossier / Hugo |")
    say("|---:|---:|---:|---:|---:|---:|")
    for n, r in rows.items():
        cpu = {k: r[k]["user"] + r[k]["system"] for k in ("build", "check", "hugo")}
        say(
            f"| {n:,} | {seconds(cpu['build'])} | {seconds(cpu['check'])} | {seconds(cpu['hugo'])} | "
            f"{cpu['build'] / cpu['hugo']:.2f} | {r['files_dossier']} / {r['files_hugo']} |"
        )
    say("")

    serve = None
    if os.path.exists(os.path.join(bench, "serve.json")):
        serve = json.load(open(os.path.join(bench, "serve.json")))
        say(f"`dossier serve`, after saving one sidecar (`{serve['sidecar']}`), median of the saves:")
        say("")
        labels = {"stance": "one stance changed", "quote": "one quote changed"}
        for case, c in serve["cases"].items():
            s = c["samples"][0]
            extra = f", {c['extra_rebuilds']} extra rebuilds" if c["extra_rebuilds"] else ""
            say(
                f"- {labels.get(case, case)}: **built in {c['median_ms']:g} ms** "
                f"({s['rendered']} of {s['pages']} pages rendered); "
                f"{c['median_wall_ms']:g} ms from the save to the rebuilt site, "
                f"150 ms of it serve's debounce ({len(c['samples'])} saves{extra})"
            )
        say(f"- first build when serve starts: {serve['first_build']['ms']} ms")
        say("")

    say("Floors (from the performance issue):")
    say("")
    say("| floor | measured | holds |")
    say("|---|---:|:---:|")

    def floor(name, value, limit, fmt):
        say(f"| {name} | {fmt(value)} | {'yes' if value <= limit else 'no'} |")

    if 10000 in rows:
        r = rows[10000]
        floor("10,000 articles: build ≤ 0.5 × Hugo", r["build"]["mean"] / r["hugo"]["mean"], FLOOR_RATIO_10K,
              lambda v: f"{v:.2f} ×")
        c = r["cold"]
        floor("10,000 articles, into an empty folder: build ≤ 0.5 × Hugo",
              c["dossier build"]["mean"] / c["hugo build"]["mean"], FLOOR_RATIO_10K, lambda v: f"{v:.2f} ×")
        floor("10,000 articles: peak memory ≤ 512 MiB", int(r["peak_dossier"]) / 1024, FLOOR_PEAK_MIB,
              lambda v: f"{v:.0f} MiB")
    if 10000 in rows and 1000 in rows:
        floor("time(10,000) / time(1,000) ≤ 11", rows[10000]["build"]["mean"] / rows[1000]["build"]["mean"],
              FLOOR_SCALING, lambda v: f"{v:.1f}")
    if serve:
        worst = max(c["median_ms"] for c in serve["cases"].values())
        floor("serve rebuild after one sidecar edit ≤ 100 ms", worst, FLOOR_SERVE_MS, lambda v: f"{v:g} ms")
    print("\n".join(out))


if __name__ == "__main__":
    main()
