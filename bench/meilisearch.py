#!/usr/bin/env python3
"""Search and reindex against a running Meilisearch, beside direct calls to that Meilisearch, in one run.

    MEILISEARCH_URL=http://127.0.0.1:7700 [MEILISEARCH_API_KEY=...] python3 bench/meilisearch.py [--runs 3]
        [--only reindex|search] [--hub-binary PATH]

It reuses the database `bench/load.py` seeded (hub_bench; run that first), points the release hub at the given
Meilisearch, and measures, as medians of the runs:

- reindex: `hub reindex` of every published record (build a new index, fill it, swap it in) beside Meilisearch's
  own NDJSON ingest of the same documents (exported from the index the hub built) into an index with the same
  settings, each timed from the first byte sent to the last task succeeded;
- Q: the GraphQL search (case Q of load.py) beside the direct Meilisearch search the hub sends for it (the same
  stemmed words, matching strategy, facets and page; the hub marks the snippets itself): one keep-alive client sending back to back (latency), and `hey` at
  --clients (throughput; searches on Meilisearch take no turn at the hub's gate, `HUB_EXPENSIVE_CONCURRENCY`).

Meilisearch is in no package registry: bring your own. Nothing here builds or starts it, and nothing in CI runs this.
The direct ingest sends every document in one payload (about 250 MB at 100,000 practices): start Meilisearch with
`--http-payload-size-limit 1Gb` (its default is 100 MB).
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load  # noqa: E402  (the same helpers, ports and queries)

INDEX = "hub_bench_content"
DIRECT = "hub_bench_ndjson"
FACETS = ["kind", "objectives", "principles", "regions", "countries", "themes", "calls", "year", "language"]


def meili(base, key, method, path, body=None, content_type="application/json"):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    headers = {"content-type": content_type}
    if key:
        headers["authorization"] = f"Bearer {key}"
    request = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=600) as response:
        raw = response.read()
    return json.loads(raw) if raw else None


def wait_task(base, key, uid, may_fail=False):
    while True:
        task = meili(base, key, "GET", f"/tasks/{uid}")
        if task["status"] in ("succeeded", "failed", "canceled"):
            if task["status"] != "succeeded" and not may_fail:
                sys.exit(f"Meilisearch task {uid} {task['status']}: {task.get('error')}")
            return task
        time.sleep(0.05)


def export_documents(base, key):
    """Every document of the hub's index, as NDJSON."""
    lines, offset = [], 0
    while True:
        page = meili(base, key, "POST", f"/indexes/{INDEX}/documents/fetch", {"offset": offset, "limit": 10_000})
        lines += [json.dumps(document, ensure_ascii=False) for document in page["results"]]
        offset += len(page["results"])
        if offset >= page["total"] or not page["results"]:
            return ("\n".join(lines) + "\n").encode(), offset


def direct_ingest(base, key, ndjson):
    """Seconds for Meilisearch to take the NDJSON into a fresh index with the hub's settings."""
    wait_task(base, key, meili(base, key, "DELETE", f"/indexes/{DIRECT}")["taskUid"], may_fail=True)
    wait_task(base, key, meili(base, key, "POST", "/indexes", {"uid": DIRECT, "primaryKey": "id"})["taskUid"])
    settings = meili(base, key, "GET", f"/indexes/{INDEX}/settings")
    wait_task(base, key, meili(base, key, "PATCH", f"/indexes/{DIRECT}/settings", settings)["taskUid"])
    started = time.time()
    try:
        task = meili(base, key, "POST", f"/indexes/{DIRECT}/documents", ndjson, "application/x-ndjson")
    except urllib.error.URLError as error:
        sys.exit(f"Meilisearch refused the {len(ndjson) / 1e6:.0f} MB NDJSON payload ({error}): start it with "
                 "--http-payload-size-limit above that (its default is 100 MB)")
    wait_task(base, key, task["taskUid"])
    return time.time() - started


def sequential(url, body, seconds, headers):
    """One keep-alive connection sending `body` back to back for `seconds` (hey's single client adds a delay of its
    own to some servers' answers): rps, p50 and p99 as `load.hey` gives them."""
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    latencies, deadline = [], time.time() + seconds
    while time.time() < deadline:
        started = time.time()
        connection.request("POST", parsed.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            sys.exit(f"{url} answered {response.status}")
        latencies.append((time.time() - started) * 1000)
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    return {"rps": len(latencies) / seconds, "p50": pick(0.50), "p99": pick(0.99)}


def search_body(limit=20):
    """What the hub sends Meilisearch for case Q (`Meili::page` in api/src/index/meili.rs): the query's stems as
    `language::Analyzed::asked` gives them for "detention children" (English Snowball); the run checks that
    both count the same hits."""
    return {"q": "detent children", "matchingStrategy": "last", "facets": FACETS, "attributesToRetrieve": ["id"],
            "page": 1, "hitsPerPage": limit}


def report_reindex(documents, reindex, ingest, args, base):
    print(f"\nMedians of {args.runs} runs against Meilisearch at {base} (python3 bench/meilisearch.py):\n")
    if not reindex:
        return
    hub_s, direct_s = statistics.median(reindex), statistics.median(ingest)
    print(f"reindex of {documents} documents: hub {hub_s:.1f} s ({documents / hub_s:,.0f} docs/s); "
          f"Meilisearch NDJSON ingest {direct_s:.1f} s ({documents / direct_s:,.0f} docs/s); "
          f"hub / NDJSON throughput {direct_s / hub_s:.2f}×")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--only", choices=["reindex", "search"], help="run one half")
    parser.add_argument("--hub-binary", help="run this hub build instead of building the release one (to compare "
                        "builds: run once per build, alternating)")
    args = parser.parse_args()
    base = os.environ.get("MEILISEARCH_URL", "").rstrip("/")
    key = os.environ.get("MEILISEARCH_API_KEY")
    if not base:
        sys.exit("set MEILISEARCH_URL to a running Meilisearch")
    os.makedirs(load.WORK, exist_ok=True)
    admin_url = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
    db_url = admin_url.rsplit("/", 1)[0] + "/hub_bench"
    hub = args.hub_binary or load.hub_binary()
    env = load.hub_env(db_url, MEILISEARCH_URL=base, HUB_MEILISEARCH_INDEX=INDEX, HUB_RESPONSE_CACHE_MB=0)
    if key:
        env["MEILISEARCH_API_KEY"] = key

    reindex, ingest, documents = [], [], 0
    for run_number in range(args.runs if args.only != "search" else 0):
        load.log(f"run {run_number + 1}/{args.runs}: hub reindex")
        started = time.time()
        load.run([hub, "reindex"], env=env, capture=True)
        reindex.append(time.time() - started)
        load.log(f"hub reindex: {reindex[-1]:.1f} s")
        ndjson, documents = export_documents(base, key)
        load.log(f"run {run_number + 1}/{args.runs}: direct NDJSON ingest of {documents} documents")
        ingest.append(direct_ingest(base, key, ndjson))
        load.log(f"NDJSON ingest: {ingest[-1]:.1f} s")

    if args.only == "reindex":
        report_reindex(documents, reindex, ingest, args, base)
        return
    server = load.Process([hub, "serve"], env=env)
    load.wait_http(f"http://127.0.0.1:{load.HUB_PORT}/readyz", seconds=300,
                   ready=lambda body: (json.loads(body)["search"].get("backlog") or {}).get("pending") == 0)
    # Nothing left in Meilisearch's queue (a start-up settings update would reprocess every document meanwhile).
    while meili(base, key, "GET", "/tasks?statuses=enqueued,processing&limit=1")["results"]:
        time.sleep(0.5)
    hub_url = f"http://127.0.0.1:{load.HUB_PORT}/graphql"
    direct_url = f"{base}/indexes/{INDEX}/search"
    auth = [f"Authorization: Bearer {key}"] if key else []
    total = load.graphql(hub_url, load.Q)["search"]["totalCount"]
    direct_total = meili(base, key, "POST", f"/indexes/{INDEX}/search", search_body())["totalHits"]
    if total != direct_total:
        sys.exit(f"Q: the hub counts {total} hits, Meilisearch {direct_total}")
    load.log(f"Q: both count {total} hits")
    results = {}
    try:
        for run_number in range(args.runs):
            for clients in (1, args.clients):
                load.log(f"run {run_number + 1}/{args.runs}: Q at {clients} clients")
                row = results.setdefault(clients, {"hub": [], "direct": []})
                ours, theirs = json.dumps({"query": load.Q}), json.dumps(search_body())
                if clients == 1:
                    plain = {"content-type": "application/json"}
                    row["hub"].append(sequential(hub_url, ours, args.seconds, plain))
                    row["direct"].append(sequential(direct_url, theirs, args.seconds, dict(
                        plain, **({"authorization": f"Bearer {key}"} if key else {}))))
                else:
                    row["hub"].append(load.hey(hub_url, ours, args.seconds, clients))
                    row["direct"].append(load.hey(direct_url, theirs, args.seconds, clients, auth))
    finally:
        server.stop()

    report_reindex(documents, reindex, ingest, args, base)
    print("\n| Q | hub rps | hub p50 / p99 ms | direct rps | direct p50 / p99 ms | hub p50 / direct p50 |")
    print("|---|---|---|---|---|---|")
    for clients, row in results.items():
        med = lambda side, field: statistics.median(r[field] for r in row[side])
        print(f"| {clients} client{'s' if clients > 1 else ''} | {med('hub', 'rps'):,.0f} | "
              f"{med('hub', 'p50'):.1f} / {med('hub', 'p99'):.1f} | {med('direct', 'rps'):,.0f} | "
              f"{med('direct', 'p50'):.1f} / {med('direct', 'p99'):.1f} | "
              f"{med('hub', 'p50') / med('direct', 'p50'):.2f}× |")


if __name__ == "__main__":
    main()
