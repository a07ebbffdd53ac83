#!/usr/bin/env python3
"""Idle benchmark: what a hub serving nothing costs its machine and its database, for one build or two side by side.

    python3 bench/idle.py [--seconds 20] [--runs 3] [BINARY ...]

For each binary (default: the release `hub`, built here), and each run, it starts `hub serve --demo` on a fresh
SQLite data directory, waits for `/readyz` and for the start-up fill to settle, then measures for N seconds: the
server's CPU (user + system time over wall time, from /proc) and, on a fresh PostgreSQL database, the transactions
the server commits a second (`pg_stat_database`). Runs of the binaries alternate (paired), and the medians are
printed. Compare two commits by building each (`git worktree` + `cargo build --release`) and passing both binaries.
It is not a test, and nothing in CI runs it; `tests/tests/api/idle.rs` bounds each loop's statements in CI.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
PORT = 18090
TICKS = os.sysconf("SC_CLK_TCK")


def log(message):
    print(f"[idle] {message}", file=sys.stderr, flush=True)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def transactions(database):
    query = f"select xact_commit + xact_rollback from pg_stat_database where datname = '{database}'"
    out = subprocess.run(["psql", ADMIN_URL, "-tAc", query], capture_output=True, text=True, check=True).stdout
    return int(out.strip() or 0)


def wait_ready(seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("the hub did not become ready")


def measure(binary, database_url, seconds):
    """Starts `hub serve --demo`, lets it settle, and returns (cpu share of one core, transactions a second)."""
    data = tempfile.mkdtemp(prefix="hub-idle-")
    env = dict(os.environ, HUB_DATA_DIR=data, HUB_BIND=f"127.0.0.1:{PORT}", RUST_LOG="warn")
    env.pop("MEILISEARCH_URL", None)
    os.environ.setdefault("PGOPTIONS", "--client-min-messages=warning")
    database = None
    if database_url:
        database = f"hub_idle_{os.getpid()}"
        subprocess.run(["psql", ADMIN_URL, "-qc", f'drop database if exists "{database}" with (force)'], check=True)
        subprocess.run(["psql", ADMIN_URL, "-qc", f'create database "{database}"'], check=True)
        env["DATABASE_URL"] = ADMIN_URL.rsplit("/", 1)[0] + "/" + database
    server = subprocess.Popen([binary, "serve", "--demo"], env=env, stdout=subprocess.DEVNULL)
    try:
        wait_ready()
        time.sleep(5)  # the start-up fill of the embedded index
        cpu0, tx0, t0 = cpu_seconds(server.pid), transactions(database) if database else 0, time.time()
        time.sleep(seconds)
        cpu1, tx1, t1 = cpu_seconds(server.pid), transactions(database) if database else 0, time.time()
        return (cpu1 - cpu0) / (t1 - t0), (tx1 - tx0) / (t1 - t0)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)
        if database:
            subprocess.run(["psql", ADMIN_URL, "-qc", f'drop database if exists "{database}" with (force)'])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binaries", nargs="*")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    binaries = args.binaries
    if not binaries:
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        log("building the release hub")
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "hub"], check=True, cwd=ROOT)
        binaries = [os.path.join(target, "release", "hub")]
    results = {binary: {"sqlite_cpu": [], "postgres_cpu": [], "postgres_tps": []} for binary in binaries}
    for run in range(args.runs):
        for binary in binaries:
            log(f"run {run + 1}/{args.runs}: {binary}")
            cpu, _ = measure(binary, None, args.seconds)
            results[binary]["sqlite_cpu"].append(cpu)
            cpu, tps = measure(binary, ADMIN_URL, args.seconds)
            results[binary]["postgres_cpu"].append(cpu)
            results[binary]["postgres_tps"].append(tps)
    print(f"\nMedians of {args.runs} runs of {args.seconds} s, `hub serve --demo` serving nothing "
          f"(python3 bench/idle.py {' '.join(args.binaries)}):\n")
    print("| binary | CPU on SQLite (share of a core) | CPU on PostgreSQL | PostgreSQL transactions / s |")
    print("|---|---|---|---|")
    for binary, row in results.items():
        median = statistics.median
        print(f"| {binary} | {median(row['sqlite_cpu']):.3f} | {median(row['postgres_cpu']):.3f} "
              f"| {median(row['postgres_tps']):,.1f} |")


if __name__ == "__main__":
    main()
