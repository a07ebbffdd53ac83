#!/usr/bin/env python3
"""Export benchmark: the server's memory while it streams exports of 1,000 and of 100,000+ rows, in one run.

    python3 bench/export.py [--practices 100000] [--runs 3] [--reuse-db]

It builds the release `hub`, seeds N synthetic practices plus the demo corpus into a fresh PostgreSQL database
(`hub_bench`, shared with bench/load.py), starts the hub, then downloads `/export.csv` and `/export.ndjson`
for a small filter and for everything, sampling the server's resident memory (VmRSS) every 20 ms. It prints, as
medians of the runs: rows, seconds, rows per second, and the server's peak RSS above its RSS before the export.
Memory stays flat when the big export's peak is close to the small one's. A text query over the whole corpus shows
the engine's depth limit (10,000 rows and `X-Export-Truncated: true`). It is not a test, and nothing in CI runs it.
"""

import argparse
import csv
import io
import os
import statistics
import sys
import threading
import time
import urllib.request

import load

ADMIN_URL = "postgres://postgres@127.0.0.1:5432/test"
DB_URL = "postgres://postgres@127.0.0.1:5432/hub_bench"
BASE = f"http://127.0.0.1:{load.HUB_PORT}"


def download(server, path):
    """Streams one export, counting its rows while sampling the server's RSS: (rows, seconds, peak KiB above the
    RSS before, the X-Export-Truncated header, the RSS before in KiB)."""
    before = server.rss_kb()
    peak = [before]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], server.rss_kb())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.time()
    with urllib.request.urlopen(BASE + path, timeout=600) as response:
        truncated = response.headers.get("X-Export-Truncated", "-")
        text = io.TextIOWrapper(response, encoding="utf-8", newline="")
        if path.startswith("/export.csv"):
            rows = sum(1 for _ in csv.reader(text)) - 1
        else:
            rows = sum(1 for line in text if line.strip())
    seconds = time.time() - started
    done.set()
    sampler.join()
    return rows, seconds, peak[0] - before, truncated, before


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--reuse-db", action="store_true")
    args = parser.parse_args()
    os.makedirs(load.WORK, exist_ok=True)
    hub = load.hub_binary()
    load.prepare_database(hub, ADMIN_URL, DB_URL, args.practices, args.reuse_db)
    server = load.start_hub(hub, DB_URL, cache_mb=0)
    try:
        cases = [
            ("csv, one objective and country", "/export.csv?objective=13&country=MEX"),
            ("csv, everything", "/export.csv"),
            ("ndjson, everything", "/export.ndjson"),
            ("csv, text query", "/export.csv?q=migration"),
        ]
        results = {name: [] for name, _ in cases}
        for run in range(args.runs):
            for name, path in cases:
                rows, seconds, grown, truncated, before = download(server, path)
                results[name].append((rows, seconds, grown, truncated, before))
                load.log(f"run {run + 1}: {name}: {rows} rows in {seconds:.1f} s, RSS +{grown / 1024:.1f} MiB")
        print(f"\nExports of {args.practices} synthetic practices plus the demo corpus, PostgreSQL, medians of "
              f"{args.runs} runs (python3 bench/export.py):\n")
        print(f"{'case':32} {'rows':>8} {'seconds':>8} {'rows/s':>8} {'RSS before':>11} {'peak growth':>12} {'truncated':>10}")
        for name, _ in cases:
            runs = results[name]
            rows = runs[0][0]
            seconds = statistics.median(r[1] for r in runs)
            grown = statistics.median(r[2] for r in runs)
            before = statistics.median(r[4] for r in runs)
            print(f"{name:32} {rows:>8} {seconds:>8.2f} {rows / seconds:>8.0f} {before / 1024:>7.0f} MiB "
                  f"{grown / 1024:>8.1f} MiB {runs[0][3]:>10}")
        print(f"\nserver RSS at the end: {server.rss_kb() / 1024:.0f} MiB")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
