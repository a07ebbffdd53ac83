#!/usr/bin/env python3
"""The cheap client's latency under two bounded attacks (the abuse issue's bar), on PostgreSQL.

    python3 bench/abuse.py [--practices 20000] [--runs 3] [--seconds 15]

It builds the release `hub`, seeds N synthetic practices plus the demo corpus into `hub_abuse` (kept for the next
run with --reuse-db), starts the hub with its default budgets and limits, and for each run measures a cheap
signed-in client (`practices(first: 5)`, one request every 50 ms) three times: alone; while one anonymous client
sends the dearest document the limits allow (75 aliased searches with counts and facets) from 16 connections
(`hey -c 16`); and while 16 signed-in subjects send it at once (16 `hey -c 1`). It prints the cheap client's p50 and
p99 (medians of the runs), its errors, and what the attackers got (status counts). Not a test: nothing in CI runs it;
`tests/tests/api/abuse.rs` asserts the correctness side in CI.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load  # noqa: E402  (the same helpers)

CHEAP = "{ practices(first: 5) { nodes { title } } }"
EXPENSIVE = "{ %s }" % " ".join(
    's%d: search(query: "m", first: 1) { totalCount facets { field } }' % n for n in range(75))


def cheap_client(url, token, stop, latencies, failures):
    while not stop.is_set():
        started = time.time()
        request = urllib.request.Request(url, data=json.dumps({"query": CHEAP}).encode(), headers={
            "content-type": "application/json", "authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                body = json.loads(response.read())
                if body.get("errors"):
                    failures.append(body["errors"][0].get("extensions", {}).get("code"))
        except urllib.error.HTTPError as error:
            failures.append(error.code)
        latencies.append((time.time() - started) * 1000)
        stop.wait(0.05)


def attack(url, tokens, seconds):
    """hey processes, one per token (16 connections for a single anonymous client); their status counts."""
    body = json.dumps({"query": EXPENSIVE})
    if tokens == [None]:
        commands = [["hey", "-z", f"{seconds}s", "-c", "16", "-m", "POST", "-T", "application/json", "-d", body, url]]
    else:
        commands = [["hey", "-z", f"{seconds}s", "-c", "1", "-m", "POST", "-T", "application/json", "-d", body,
                     "-H", f"Authorization: Bearer {token}", url] for token in tokens]
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                 for command in commands]
    statuses = {}
    for process in processes:
        out = process.communicate()[0]
        for code, count in re.findall(r"\[(\d{3})\]\s+(\d+) responses", out):
            statuses[code] = statuses.get(code, 0) + int(count)
    return statuses


def measure(url, token, seconds, attackers=None):
    stop, latencies, failures = threading.Event(), [], []
    client = threading.Thread(target=cheap_client, args=(url, token, stop, latencies, failures))
    client.start()
    statuses = attack(url, attackers, seconds) if attackers else (time.sleep(seconds) or {})
    stop.set()
    client.join()
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    return {"p50": pick(0.50), "p99": pick(0.99), "requests": len(latencies), "failures": failures,
            "attackers": statuses}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--practices", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--reuse-db", action="store_true")
    args = parser.parse_args()
    os.makedirs(load.WORK, exist_ok=True)
    load.ensure_tools()
    admin_url = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
    db_url = admin_url.rsplit("/", 1)[0] + "/hub_abuse"
    hub = load.hub_binary()
    load.prepare_database(hub, admin_url, db_url, args.practices, args.reuse_db)
    defaults = {"HUB_COST_PER_MINUTE": "60000", "HUB_RESPONSE_CACHE_MB": "64"}
    server = load.Process([hub, "serve"], env=load.hub_env(db_url, **defaults))
    url = f"http://127.0.0.1:{load.HUB_PORT}/graphql"
    load.wait_http(f"http://127.0.0.1:{load.HUB_PORT}/readyz", seconds=900,
                   ready=lambda body: (json.loads(body)["search"].get("backlog") or {}).get("pending") == 0)
    token = lambda subject: load.run([hub, "token", "--sub", subject, "--role", "contributor", "--ttl", "2h"],
                                     env=load.hub_env(db_url), capture=True).stdout.strip()
    cheap = token("cheap-client")
    subjects = [token(f"attacker-{n}") for n in range(16)]
    results = {"alone": [], "anonymous": [], "subjects": []}
    try:
        for run_number in range(args.runs):
            load.log(f"run {run_number + 1}/{args.runs}: the cheap client alone")
            results["alone"].append(measure(url, cheap, args.seconds))
            time.sleep(5)
            load.log(f"run {run_number + 1}/{args.runs}: one anonymous client, 16 connections")
            results["anonymous"].append(measure(url, cheap, args.seconds, [None]))
            time.sleep(5)
            load.log(f"run {run_number + 1}/{args.runs}: 16 signed-in subjects")
            results["subjects"].append(measure(url, cheap, args.seconds, subjects))
            time.sleep(20)  # the subjects' budgets fill again before the next run
    finally:
        server.stop()
    with open(os.path.join(load.WORK, "abuse.json"), "w") as out:
        json.dump(results, out, indent=1)
    print(f"\nThe cheap client (`{CHEAP}`, every 50 ms), medians of {args.runs} runs of {args.seconds} s, "
          f"{args.practices} synthetic practices (python3 bench/abuse.py):\n")
    print("| during | cheap p50 ms | cheap p99 ms | cheap requests | cheap errors | attackers' answers by status |")
    print("|---|---|---|---|---|---|")
    for name, label in (("alone", "no attack"), ("anonymous", "one anonymous client, 16 connections"),
                        ("subjects", "16 signed-in subjects at once")):
        rows = results[name]
        statuses = {}
        for row in rows:
            for code, count in row["attackers"].items():
                statuses[code] = statuses.get(code, 0) + count
        print(f"| {label} | {statistics.median(r['p50'] for r in rows):.1f} | "
              f"{statistics.median(r['p99'] for r in rows):.1f} | {sum(r['requests'] for r in rows)} | "
              f"{sum(len(r['failures']) for r in rows)} | "
              f"{', '.join(f'{code}: {count}' for code, count in sorted(statuses.items())) or '–'} |")


if __name__ == "__main__":
    main()
