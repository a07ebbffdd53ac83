#!/usr/bin/env python3
"""Load benchmark: the hub beside PostGraphile 4 and the SQL floor, on one PostgreSQL database, in one run.

    python3 bench/load.py [--practices 100000] [--runs 3] [--seconds 15] [--clients 32] [--reuse-db] [--hub-binary PATH]
    python3 bench/load.py --budgets [same options]
    python3 bench/load.py --versus OTHER_HUB_BINARY [same options]
    python3 bench/load.py --scale 10000,100000,1000000 [--scale-only] [same options]

It builds the release `hub`, seeds N synthetic practices plus the demo corpus into a fresh database (`hub_bench`),
starts the hub and PostGraphile 4 (installed from npm into bench/postgraphile/node_modules, git-ignored) on the same
data and indexes, checks that both answer the same records, then drives every case at fixed concurrency with `hey`
and the floor statements with `pgbench -M prepared`. It prints rps, p50 and p99 for each system and the ratios
hub / PostGraphile and hub / floor, as medians of the runs. Client, server and database share the machine's cores:
read the ratios, not the absolute numbers. It is not a test, and nothing in CI runs it.

Cases: T (`{ __typename }`: what every request pays, data or not), L (a page of 20 practices with countries and
objectives), F (L filtered by objective and country), S (one
practice by slug), Q (search, with facets, on the embedded engine; Q1 the same at one client); each uncached
(HUB_RESPONSE_CACHE_MB=0), and L again with the response cache on while another client writes once a second (LW).
QM is Q on Meilisearch when MEILISEARCH_URL names one (it is in no package registry: bring your own);
`cargo bench -p hub-tests --bench search` compares the search path with a direct engine call.

With --scale 10000,100000,1000000 it also runs case Q at each corpus size, each on a database of its own
(`hub_scale_N`, kept with --reuse-db): the cost of a search as the corpus grows (--scale-only: nothing else).

With --budgets it runs only case L (uncached) with cost budgets on (a budget no client exhausts), kept in memory and
kept in Redis (HUB_REDIS_URL, the machine's Redis or REDIS_URL), alternating the two in each run, and prints the
ratio: what sharing budgets across instances costs a request.

With --versus it runs `{ __typename }` (T) and case L (uncached, in English and asked in French) against this hub and
another build of it, alternating the two in each run, and prints the ratios: a before/after of one change in one run.
Each build runs on a database it migrated and seeded itself (`hub_bench`, `hub_bench_other`), with the same data.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", ".work")
PEER = os.path.join(ROOT, "bench", "postgraphile")
HUB_PORT, PEER_PORT = 18080, 15055
SLUG = "canada-community-based-alternatives-to-detention"

L = "{ practices(first: 20) { nodes { title summary countries { iso3 name } objectives { number title } } } }"
F = ('{ practices(first: 20, filter: { objectives: [13], countries: ["MEX"] }) '
     "{ nodes { title summary countries { iso3 name } objectives { number title } } } }")
S = '{ practice(slug: "%s") { title summary countries { name } } }' % SLUG
Q = ('{ search(query: "detention children", first: 20) { totalCount nodes { ... on Practice { title } } '
     "facets { field values { value count } } } }")

PEER_NODES = ("nodes { title summary contentCountries(orderBy: COUNTRY_ISO3_ASC) { nodes { countryByCountryIso3 "
              "{ iso3 name } } } contentObjectives(orderBy: OBJECTIVE_NUMBER_ASC) { nodes { objectiveByObjectiveNumber "
              "{ number title } } } }")
PEER_L = ('{ contents(first: 20, condition: { kind: "PRACTICE", status: "PUBLISHED" }, '
          "orderBy: [PUBLISHED_AT_DESC, ID_DESC]) { %s } }" % PEER_NODES)
PEER_F = ('{ contents(first: 20, condition: { kind: "PRACTICE", status: "PUBLISHED" }, '
          "orderBy: [PUBLISHED_AT_DESC, ID_DESC], filter: { contentObjectives: { some: { objectiveNumber: "
          '{ equalTo: 13 } } }, contentCountries: { some: { countryIso3: { equalTo: "MEX" } } } }) { %s } }' % PEER_NODES)

FLOOR_LIST = """select json_agg(json_build_object('title', c.title, 'summary', c.summary,
  'countries', (select coalesce(json_agg(json_build_object('iso3', k.iso3, 'name', k.name) order by k.name), '[]')
                from content_countries cc join countries k on k.iso3 = cc.country_iso3 where cc.content_id = c.id),
  'objectives', (select coalesce(json_agg(json_build_object('number', o.number, 'title', o.title) order by o.number), '[]')
                 from content_objectives co join objectives o on o.number = co.objective_number where co.content_id = c.id)))
from (select id, title, summary from contents where kind = 'PRACTICE' and status = 'PUBLISHED' {extra}
      order by coalesce(published_at, created_at) desc, id desc limit 20) c;
"""
FLOOR_FILTER = ("and exists (select 1 from content_objectives x where x.content_id = contents.id and x.objective_number = 13) "
                "and exists (select 1 from content_countries y where y.content_id = contents.id and y.country_iso3 = 'MEX')")
FLOOR_SLUG = """select json_build_object('title', c.title, 'summary', c.summary,
  'countries', (select coalesce(json_agg(json_build_object('name', k.name) order by k.name), '[]')
                from content_countries cc join countries k on k.iso3 = cc.country_iso3 where cc.content_id = c.id))
from contents c where c.kind = 'PRACTICE' and c.slug = '%s' and c.status = 'PUBLISHED';
""" % SLUG


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, env=None, check=True, capture=False):
    return subprocess.run(command, env=env, check=check, text=True,
                          stdout=subprocess.PIPE if capture else None, stderr=subprocess.PIPE if capture else None)


def ensure_tools(peer=True):
    tools = ("hey", "pgbench", "psql", "node", "npm") if peer else ("hey", "psql")
    missing = [tool for tool in tools if not shutil.which(tool)]
    if "hey" in missing and os.geteuid() == 0 and shutil.which("apt-get"):
        run(["apt-get", "install", "-y", "-q", "hey"], capture=True)
        missing.remove("hey")
    if missing:
        sys.exit(f"missing tools: {', '.join(missing)} (Debian: apt-get install hey postgresql-client nodejs npm)")
    if peer and not os.path.isdir(os.path.join(PEER, "node_modules", "postgraphile")):
        log("installing PostGraphile 4 into bench/postgraphile/node_modules")
        run(["npm", "install", "--no-audit", "--no-fund", "--prefix", PEER], capture=True)


def hub_binary():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    log("building the release hub")
    run(["cargo", "build", "--release", "-q", "-p", "hub"], env=dict(os.environ, CARGO_TARGET_DIR=target))
    return os.path.join(target, "release", "hub")


def hub_env(db_url, **settings):
    env = dict(os.environ, DATABASE_URL=db_url, HUB_DATA_DIR=os.path.join(WORK, "data"), RUST_LOG="warn",
               HUB_BIND=f"127.0.0.1:{HUB_PORT}", HUB_COST_PER_MINUTE="0")
    env.pop("MEILISEARCH_URL", None)  # the embedded engine: nothing else to run
    env.update({key: str(value) for key, value in settings.items()})
    return env


def prepare_database(hub, admin_url, db_url, practices, reuse, data="data"):
    name = db_url.rsplit("/", 1)[1]
    exists = run(["psql", admin_url, "-tAc", f"select 1 from pg_database where datname = '{name}'"],
                 capture=True).stdout.strip() == "1"
    if reuse and exists:
        log(f"reusing database {name}")
        return
    run(["psql", admin_url, "-qc", f'drop database if exists "{name}" with (force)'])
    run(["psql", admin_url, "-qc", f'create database "{name}"'])
    shutil.rmtree(os.path.join(WORK, data), ignore_errors=True)
    log(f"seeding {practices} synthetic practices and the demo corpus")
    started = time.time()
    run([hub, "seed", "--synthetic", str(practices), "--demo"], env=hub_env(db_url, HUB_DATA_DIR=os.path.join(WORK, data)))
    log(f"seeded in {time.time() - started:.1f} s")
    # PostGraphile orders by columns: give it the index the hub's expression index gives the hub.
    run(["psql", db_url, "-qc", "create index if not exists bench_contents_kind_status_published "
         "on contents (kind, status, published_at desc, id desc)"])
    # Every system is measured on a settled database, as autovacuum leaves one: `hub seed` vacuums after its bulk
    # load, but a build before it did not (nor does one given by --hub-binary), and autovacuum's pass would then
    # land in the middle of some case.
    run(["psql", db_url, "-qc", "vacuum (analyze)"])


def wait_http(url, seconds=120, ready=lambda body: True):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if ready(response.read()):
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.5)
    sys.exit(f"{url} did not come up")


def wait_graphql(url, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            graphql(url, "{ __typename }")
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.5)
    sys.exit(f"{url} did not come up")


class Process:
    def __init__(self, command, env=None, cwd=None):
        logfile = open(os.path.join(WORK, os.path.basename(command[0]) + ".log"), "a")
        self.popen = subprocess.Popen(command, env=env, cwd=cwd, stdout=logfile, stderr=logfile,
                                      start_new_session=True)

    def rss_kb(self, field="VmRSS"):
        try:
            with open(f"/proc/{self.popen.pid}/status") as status:
                line = next(l for l in status if l.startswith(field + ":"))
                return int(line.split()[1])
        except (OSError, StopIteration):
            return 0

    def stop(self):
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)


def start_hub(hub, db_url, cache_mb, fill_seconds=900, **settings):
    process = Process([hub, "serve"], env=hub_env(db_url, HUB_RESPONSE_CACHE_MB=cache_mb, **settings))
    # Ready, and the search index caught up (the relay indexes what the seed wrote before anything is measured).
    try:
        wait_http(f"http://127.0.0.1:{HUB_PORT}/readyz", seconds=fill_seconds,
                  ready=lambda body: (json.loads(body)["search"].get("backlog") or {}).get("pending") == 0)
    except BaseException:
        process.stop()
        raise
    return process


def graphql(url, query):
    request = urllib.request.Request(url, data=json.dumps({"query": query}).encode(),
                                     headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
    if body.get("errors"):
        sys.exit(f"{url} refused {query[:60]}…: {body['errors']}")
    return body["data"]


def check_same_records():
    hub_url, peer_url = f"http://127.0.0.1:{HUB_PORT}/graphql", f"http://127.0.0.1:{PEER_PORT}/graphql"
    for name, ours, theirs in (("L", L, PEER_L), ("F", F, PEER_F)):
        a = [node["title"] for node in graphql(hub_url, ours)["practices"]["nodes"]]
        b = [node["title"] for node in graphql(peer_url, theirs)["contents"]["nodes"]]
        if a != b or not a:
            sys.exit(f"{name}: the hub and PostGraphile disagree:\n{a}\n{b}")
        log(f"{name}: both return the same {len(a)} titles")


def hey(url, body, seconds, clients, headers=()):
    command = ["hey", "-z", f"{seconds}s", "-c", str(clients), "-m", "POST", "-T", "application/json", "-d", body]
    for header in headers:
        command += ["-H", header]
    out = run(command + [url], capture=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = float(re.search(r"50%+ in ([\d.]+) secs", out).group(1)) * 1000
    p99 = float(re.search(r"99%+ in ([\d.]+) secs", out).group(1)) * 1000
    statuses = re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)
    bad = sum(int(count) for code, count in statuses if code != "200")
    if bad:
        log(f"warning: {bad} responses were not 200: {statuses}")
    return {"rps": rps, "p50": p50, "p99": p99}


def pgbench(db_url, sql, seconds, clients):
    path = os.path.join(WORK, "floor.sql")
    with open(path, "w") as script:
        script.write(sql.replace("\n", " ") + "\n")
    prefix = os.path.join(WORK, "pgbench_log")
    for old in os.listdir(WORK):
        if old.startswith("pgbench_log"):
            os.remove(os.path.join(WORK, old))
    out = run(["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(seconds), "-l",
               f"--log-prefix={prefix}", "-f", path, db_url], capture=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    latencies = []
    for name in os.listdir(WORK):
        if name.startswith("pgbench_log"):
            with open(os.path.join(WORK, name)) as lines:
                latencies += [int(line.split()[2]) / 1000 for line in lines if line.strip()]
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0.0
    return {"rps": tps, "p50": pick(0.50), "p99": pick(0.99)}


class Writer(threading.Thread):
    """Another client that edits a published practice once a second (each edit commits a public change)."""

    def __init__(self, token, practice_id):
        super().__init__(daemon=True)
        self.token, self.id, self.stop, self.writes = token, practice_id, threading.Event(), 0

    def run(self):
        url = f"http://127.0.0.1:{HUB_PORT}/graphql"
        while not self.stop.wait(1.0):
            version = graphql(url, '{ practice(id: "%s") { version } }' % self.id)["practice"]["version"]
            mutation = ('mutation { updatePractice(id: "%s", version: %d, input: { summary: "Edited by the benchmark '
                        'writer, edit number %d." }) { practice { version } } }' % (self.id, version, self.writes))
            request = urllib.request.Request(url, data=json.dumps({"query": mutation}).encode(), headers={
                "content-type": "application/json", "authorization": f"Bearer {self.token}"})
            with urllib.request.urlopen(request, timeout=10) as response:
                if not json.loads(response.read()).get("errors"):
                    self.writes += 1


def scale(hub, admin_url, sizes, args):
    """Case Q on the embedded engine at several corpus sizes, each on a database and data directory of its own
    (`hub_scale_N`): p50 at one client, rps at `--clients`, the count, and the hub's memory with the index filled."""
    rows = []
    for size in sizes:
        db_url = admin_url.rsplit("/", 1)[0] + f"/hub_scale_{size}"
        data = f"data-scale-{size}"
        prepare_database(hub, admin_url, db_url, size, args.reuse_db, data=data)
        started = time.time()
        # A fresh index fills at about 1,000 records a second on 2 cores, slower in bursts (a million took about 25
        # minutes): allow a second per 400 records on top of the 15 minutes.
        server = start_hub(hub, db_url, 0, fill_seconds=900 + size // 400, HUB_DATA_DIR=os.path.join(WORK, data))
        ready = time.time() - started
        try:
            url = f"http://127.0.0.1:{HUB_PORT}/graphql"
            count = graphql(url, Q)["search"]["totalCount"]
            one, many = [], []
            for run_number in range(args.runs):
                log(f"scale {size}: run {run_number + 1}/{args.runs}")
                one.append(hey(url, json.dumps({"query": Q}), args.seconds, 1))
                many.append(hey(url, json.dumps({"query": Q}), args.seconds, args.clients))
            rows.append((size, count, median(one, "p50"), median(many, "rps"), median(many, "p50"),
                         server.rss_kb() / 1024, ready))
        finally:
            server.stop()
    print(f"\nCase Q on the embedded engine by corpus size (synthetic practices plus the demo corpus), medians of "
          f"{args.runs} runs of {args.seconds} s:\n")
    print(f"| practices | hits (totalCount) | p50 ms, 1 client | rps, {args.clients} clients | p50 ms, {args.clients} clients "
          "| hub RSS MB after the start-up fill | start-up fill s |")
    print("|---|---|---|---|---|---|---|")
    for size, count, p50_one, rps, p50_many, rss, ready in rows:
        print(f"| {size:,} | {count:,} | {p50_one:.1f} | {rps:,.0f} | {p50_many:.1f} | {rss:.0f} | {ready:.0f} |")


def median(rows, key):
    return statistics.median(row[key] for row in rows)


def versus(hub, other, db_url, other_url, args):
    """T and L uncached on two builds, alternating; prints the medians and the ratios this / other. L runs twice:
    in English, and asked in French (`Accept-Language: fr`: labels resolved in French where the build has them)."""
    url = f"http://127.0.0.1:{HUB_PORT}/graphql"
    cases = [("T", "{ __typename }", ()), ("L", L, ()), ("L in French", L, ("Accept-Language: fr",))]
    builds = [("this", hub, db_url), ("other", other, other_url)]
    rows = {(build, case): [] for build, _, _ in builds for case, _, _ in cases}
    for run_number in range(args.runs):
        for build, binary, database in builds:
            log(f"run {run_number + 1}/{args.runs}: {build} ({binary})")
            # Its own data directory too: the embedded index follows its own database.
            server = start_hub(binary, database, 0, HUB_DATA_DIR=os.path.join(WORK, f"data-{build}"))
            try:
                for case, query, headers in cases:
                    graphql(url, query)
                    rows[(build, case)].append(
                        hey(url, json.dumps({"query": query}), args.seconds, args.clients, headers))
            finally:
                server.stop()
    print(f"\nMedians of {args.runs} runs, {args.seconds} s each at {args.clients} clients, uncached, "
          f"{args.practices} synthetic practices (python3 bench/load.py --versus {other}):\n")
    print("| case | this rps | this p50 / p99 ms | other rps | other p50 / p99 ms | this / other |")
    print("|---|---|---|---|---|---|")
    for case, _, _ in cases:
        this, that = rows[("this", case)], rows[("other", case)]
        print(f"| {case} | {median(this, 'rps'):,.0f} | {median(this, 'p50'):.1f} / {median(this, 'p99'):.1f} | "
              f"{median(that, 'rps'):,.0f} | {median(that, 'p50'):.1f} / {median(that, 'p99'):.1f} | "
              f"{median(this, 'rps') / median(that, 'rps'):.2f}× |")


def budgets(hub, db_url, args):
    """Case L uncached, budgets in memory and in Redis, alternating; prints the medians and the ratio."""
    url = f"http://127.0.0.1:{HUB_PORT}/graphql"
    on = {"HUB_COST_PER_MINUTE": 1_000_000_000, "HUB_COST_BURST": 1_000_000_000}
    modes = [("in memory", on), ("in Redis", dict(on, HUB_REDIS_URL=os.environ.get("REDIS_URL",
                                                                                  "redis://127.0.0.1:6379")))]
    rows = {name: [] for name, _ in modes}
    for run_number in range(args.runs):
        for name, settings in modes:
            log(f"run {run_number + 1}/{args.runs}: L with budgets {name}")
            server = start_hub(hub, db_url, 0, **settings)
            try:
                graphql(url, L)
                rows[name].append(hey(url, json.dumps({"query": L}), args.seconds, args.clients))
            finally:
                server.stop()
    print(f"\nCase L uncached, medians of {args.runs} runs, {args.seconds} s each at {args.clients} clients, "
          f"{args.practices} synthetic practices (python3 bench/load.py --budgets):\n")
    print("| budgets | rps | p50 / p99 ms |")
    print("|---|---|---|")
    for name, _ in modes:
        print(f"| {name} | {median(rows[name], 'rps'):,.0f} | {median(rows[name], 'p50'):.1f} / "
              f"{median(rows[name], 'p99'):.1f} |")
    ratio = median(rows["in Redis"], "rps") / median(rows["in memory"], "rps")
    print(f"\nRedis / memory: {ratio:.2f}× the throughput; per run: "
          + ", ".join(f"{r['rps']:,.0f} vs {m['rps']:,.0f}" for r, m in zip(rows["in Redis"], rows["in memory"])))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--reuse-db", action="store_true", help="keep hub_bench if it exists (same N)")
    parser.add_argument("--hub-binary", help="run this hub build instead of building the release one (to compare "
                        "two commits: build each, then run the benchmark once per binary)")
    parser.add_argument("--budgets", action="store_true", help="only case L, budgets in memory against in Redis")
    parser.add_argument("--versus", metavar="OTHER_HUB_BINARY", help="T and L against another build, alternating")
    parser.add_argument("--scale", metavar="N,N,...", help="also case Q at these corpus sizes (e.g. "
                        "10000,100000,1000000), each on its own database; --scale-only skips everything else")
    parser.add_argument("--scale-only", action="store_true", help="only the --scale curve")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    admin_url = os.environ.get("PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/test")
    db_url = admin_url.rsplit("/", 1)[0] + "/hub_bench"
    ensure_tools(peer=not (args.budgets or args.versus or args.scale_only))
    hub = args.hub_binary or hub_binary()
    sizes = [int(size) for size in args.scale.split(",")] if args.scale else []
    if args.scale_only:
        scale(hub, admin_url, sizes, args)
        return
    meilisearch = os.environ.get("MEILISEARCH_URL")
    prepare_database(hub, admin_url, db_url, args.practices, args.reuse_db)
    if args.budgets:
        budgets(hub, db_url, args)
        return
    if args.versus:
        # Each build on a database it migrated and seeded itself (the same data): an older build refuses a
        # database a newer one has migrated.
        other_url = admin_url.rsplit("/", 1)[0] + "/hub_bench_other"
        prepare_database(args.versus, admin_url, other_url, args.practices, args.reuse_db)
        versus(hub, args.versus, db_url, other_url, args)
        return
    peer = Process(["node", os.path.join(PEER, "server.js"), db_url, str(PEER_PORT), "2"], cwd=PEER)
    wait_graphql(f"http://127.0.0.1:{PEER_PORT}/graphql")
    server = start_hub(hub, db_url, 0)
    results = {}
    # The first start indexes what the seed wrote; its memory is not what an idle server holds.
    memory = {"after_indexing_kb": server.rss_kb()}
    try:
        check_same_records()
        hub_url, peer_url = f"http://127.0.0.1:{HUB_PORT}/graphql", f"http://127.0.0.1:{PEER_PORT}/graphql"
        cases = [
            ("T", lambda: hey(hub_url, json.dumps({"query": "{ __typename }"}), args.seconds, args.clients),
             lambda: hey(peer_url, json.dumps({"query": "{ __typename }"}), args.seconds, args.clients), None),
            ("L", lambda: hey(hub_url, json.dumps({"query": L}), args.seconds, args.clients),
             lambda: hey(peer_url, json.dumps({"query": PEER_L}), args.seconds, args.clients),
             lambda: pgbench(db_url, FLOOR_LIST.format(extra=""), args.seconds, args.clients)),
            ("F", lambda: hey(hub_url, json.dumps({"query": F}), args.seconds, args.clients),
             lambda: hey(peer_url, json.dumps({"query": PEER_F}), args.seconds, args.clients),
             lambda: pgbench(db_url, FLOOR_LIST.format(extra=FLOOR_FILTER), args.seconds, args.clients)),
            ("S", lambda: hey(hub_url, json.dumps({"query": S}), args.seconds, args.clients), None,
             lambda: pgbench(db_url, FLOOR_SLUG, args.seconds, args.clients)),
            ("Q", lambda: hey(hub_url, json.dumps({"query": Q}), args.seconds, args.clients), None, None),
            ("Q1", lambda: hey(hub_url, json.dumps({"query": Q}), args.seconds, 1), None, None),
        ]
        for run_number in range(args.runs):
            for name, ours, theirs, floor in cases:
                log(f"run {run_number + 1}/{args.runs}: {name}")
                row = results.setdefault(name, {"hub": [], "postgraphile": [], "floor": []})
                row["hub"].append(ours())
                if theirs:
                    row["postgraphile"].append(theirs())
                if floor:
                    row["floor"].append(floor())
        memory["peak_uncached_kb"] = server.rss_kb("VmHWM")
        server.stop()
        # Q again on Meilisearch, when one is given (it is in no package registry: bring your own).
        if meilisearch:
            server = start_hub(hub, db_url, 0, MEILISEARCH_URL=meilisearch, HUB_MEILISEARCH_INDEX="hub_bench_content")
            for run_number in range(args.runs):
                log(f"run {run_number + 1}/{args.runs}: Q on Meilisearch")
                row = results.setdefault("QM", {"hub": [], "postgraphile": [], "floor": []})
                row["hub"].append(hey(hub_url, json.dumps({"query": Q}), args.seconds, args.clients))
            server.stop()
        else:
            log("Q on Meilisearch skipped: set MEILISEARCH_URL to a Meilisearch to run it")
        # L with the response cache on, while another client commits a public change every second.
        server = start_hub(hub, db_url, 64)
        memory["idle_kb"] = server.rss_kb()
        token = run([hub, "token", "--sub", "bench-writer", "--role", "editor", "--ttl", "2h"],
                    env=hub_env(db_url), capture=True).stdout.strip()
        target = graphql(hub_url, '{ practice(slug: "%s") { id } }' % SLUG)["practice"]["id"]
        for run_number in range(args.runs):
            log(f"run {run_number + 1}/{args.runs}: LW (cache on, one write a second)")
            writer = Writer(token, target)
            writer.start()
            row = results.setdefault("LW", {"hub": [], "postgraphile": [], "floor": [], "writes": []})
            row["hub"].append(hey(hub_url, json.dumps({"query": L}), args.seconds, args.clients))
            writer.stop.set()
            writer.join()
            row["writes"].append(writer.writes)
            row["postgraphile"].append(hey(peer_url, json.dumps({"query": PEER_L}), args.seconds, args.clients))
        memory["peak_cached_kb"] = server.rss_kb("VmHWM")
    finally:
        server.stop()
        peer.stop()
    with open(os.path.join(WORK, "results.json"), "w") as out:
        json.dump({"args": vars(args), "results": results, "memory": memory}, out, indent=1)
    print(f"\nMedians of {args.runs} runs, {args.seconds} s each at {args.clients} clients, "
          f"{args.practices} synthetic practices plus the demo corpus (python3 bench/load.py):\n")
    print("| case | hub rps | hub p50 / p99 ms | PostGraphile rps | PostGraphile p50 / p99 ms | SQL floor tps "
          "| hub / PostGraphile | hub / floor |")
    print("|---|---|---|---|---|---|---|---|")
    for name in ("T", "L", "F", "S", "Q", "Q1", "QM", "LW"):
        row = results.get(name)
        if not row:
            continue
        hub_rps = median(row["hub"], "rps")
        cells = [name, f"{hub_rps:,.0f}", f"{median(row['hub'], 'p50'):.1f} / {median(row['hub'], 'p99'):.1f}"]
        if row["postgraphile"]:
            peer_rps = median(row["postgraphile"], "rps")
            cells += [f"{peer_rps:,.0f}", f"{median(row['postgraphile'], 'p50'):.1f} / "
                      f"{median(row['postgraphile'], 'p99'):.1f}"]
        else:
            cells += ["–", "–"]
        cells += [f"{median(row['floor'], 'rps'):,.0f}" if row["floor"] else "–"]
        cells += [f"{hub_rps / median(row['postgraphile'], 'rps'):.2f}×" if row["postgraphile"] else "–"]
        cells += [f"{hub_rps / median(row['floor'], 'rps'):.2f}×" if row["floor"] else "–"]
        print("| " + " | ".join(cells) + " |")
    if "LW" in results:
        print(f"\nLW: writes committed during the cached runs: {results['LW']['writes']}")
    mb = lambda key: memory.get(key, 0) / 1024
    print(f"hub RSS: idle {mb('idle_kb'):.0f} MB; after indexing the seed {mb('after_indexing_kb'):.0f} MB; "
          f"peak uncached {mb('peak_uncached_kb'):.0f} MB; peak with the cache {mb('peak_cached_kb'):.0f} MB")
    if sizes:
        scale(hub, admin_url, sizes, args)


if __name__ == "__main__":
    main()
