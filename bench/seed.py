#!/usr/bin/env python3
"""Seeding benchmark: how long `hub seed --synthetic N` takes into an empty database, for one build or two side by
side.

    python3 bench/seed.py [--count 100000] [--runs 3] [--sqlite] [BINARY ...]

For each binary (default: the release `hub`, built here) and each run, it creates a fresh PostgreSQL database (or,
with `--sqlite`, a fresh data directory), applies the migrations (not timed), then times `hub seed --synthetic N`
alone. Runs of the binaries alternate (paired), and the medians are printed with every run's figure. Compare two
commits by building each (`git worktree` + `cargo build --release`) and passing both binaries. It is not a test, and
nothing in CI runs it.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADMIN_URL = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
DATABASE = "hub_bench_seed"


def log(message):
    print(f"[seed] {message}", file=sys.stderr, flush=True)


def psql(sql):
    subprocess.run(["psql", ADMIN_URL, "-q", "-c", sql], check=True, stdout=subprocess.DEVNULL)


def fresh_environment(sqlite, scratch):
    """The environment of a run on an empty database."""
    env = dict(os.environ, RUST_LOG="warn", HUB_DATA_DIR=scratch)
    env.pop("DATABASE_URL", None)
    if not sqlite:
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        psql(f"CREATE DATABASE {DATABASE}")
        env["DATABASE_URL"] = ADMIN_URL.rsplit("/", 1)[0] + "/" + DATABASE
    return env


def one_run(binary, count, sqlite):
    scratch = tempfile.mkdtemp(prefix="hub-seed-")
    try:
        env = fresh_environment(sqlite, scratch)
        subprocess.run([binary, "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
        started = time.monotonic()
        subprocess.run([binary, "seed", "--synthetic", str(count)], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.monotonic() - started
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sqlite", action="store_true", help="the embedded SQLite instead of PostgreSQL")
    parser.add_argument("binaries", nargs="*")
    args = parser.parse_args()
    binaries = args.binaries
    if not binaries:
        log("building the release hub")
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "hub"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        binaries = [os.path.join(target, "release", "hub")]
    times = {binary: [] for binary in binaries}
    for run in range(args.runs):
        for binary in binaries:
            seconds = one_run(binary, args.count, args.sqlite)
            times[binary].append(seconds)
            log(f"run {run + 1}: {binary}: {seconds:.1f} s")
    engine = "SQLite" if args.sqlite else "PostgreSQL"
    print(f"hub seed --synthetic {args.count} on {engine}, medians of {args.runs} runs:")
    for binary, figures in times.items():
        runs = ", ".join(f"{s:.1f}" for s in figures)
        print(f"  {binary}: {statistics.median(figures):.1f} s ({runs})")
    if len(binaries) == 2:
        first, second = (statistics.median(times[b]) for b in binaries)
        print(f"  ratio second / first: {second / first:.2f}")
    if not args.sqlite:
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
