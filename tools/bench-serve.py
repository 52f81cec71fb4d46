#!/usr/bin/env python3
"""Benchmark of `grassroots serve` (issue 15): requests per second for a roster query and for one-event
appends through the JSON API with 1, 4 and 16 concurrent clients on loopback, beside the command line's own
rate for the same work, and the server's memory under load.

    tools/bench-serve.py --grassroots .build/release/grassroots [--seconds 5] [--clients 1,4,16]
                         [--history FILE.ndjson --group GROUP --unit UNIT] [--work DIR]

Without --history it serves the demo ledger (`grassroots demo`) and queries group:dq-t1-v1-g1. With
--history it appends FILE (for example `grassroots-generate --stream-events 100000 --years 8`) to a fresh
ledger first. Clients are separate processes (not threads: Python's lock would cap them), each with one
keep-alive connection, logged in once with a bearer token. A client process costs CPU of its own on this
2-core machine, which the report states beside each figure (the server and its clients share the cores).

Appends: each request is one `fund.received` event of 0.01 yuan for the group, with an idempotency key of
its own, so every request commits (one fsync each). The CLI's rate is one `grassroots append` process per
one-event file, and one `grassroots roster` process per query.

Standard library only. Prints a Markdown table; figures go to docs/PERFORMANCE.md with this command.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

PASSWORD = "bench-password-0123"


def run(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def memory(pid):
    """VmRSS and RssAnon of a process, in KiB."""
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "RssAnon", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


def client(port, token, kind, group, seconds, start_at, index, out):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}"}
    latencies = []
    failures = 0
    n = 0
    while time.time() < start_at:
        time.sleep(0.001)
    stop = start_at + seconds
    cpu0 = time.process_time()
    while time.time() < stop:
        t0 = time.perf_counter()
        if kind == "roster":
            connection.request("GET", f"/api/roster?group={group}", headers=headers)
        else:
            n += 1
            line = json.dumps({"type": "fund.received", "effectiveDate": "2026-01-02",
                               "idempotencyKey": f"bench-{os.getpid()}-{index}-{n}-{time.time_ns()}",
                               "data": {"group": group, "amountFen": 1, "source": "bench"}}, ensure_ascii=False)
            connection.request("POST", "/api/events", body=(line + "\n").encode(),
                               headers={**headers, "Content-Type": "application/x-ndjson"})
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - t0)
        if response.status != 200:
            failures += 1
            if failures == 1:
                print(f"client {index}: {kind} answered {response.status}", file=sys.stderr)
    out.put((len(latencies), failures, latencies, time.process_time() - cpu0))


def load(port, token, kind, group, clients, seconds, server_pid):
    queue = multiprocessing.Queue()
    start_at = time.time() + 0.5
    workers = [multiprocessing.Process(target=client, args=(port, token, kind, group, seconds, start_at, i, queue))
               for i in range(clients)]
    for w in workers:
        w.start()
    peak = {"VmRSS": 0, "RssAnon": 0}
    while time.time() < start_at + seconds:
        m = memory(server_pid)
        for k in peak:
            peak[k] = max(peak[k], m.get(k, 0))
        time.sleep(0.1)
    results = [queue.get() for _ in workers]
    for w in workers:
        w.join()
    count = sum(r[0] for r in results)
    failures = sum(r[1] for r in results)
    latencies = sorted(x for r in results for x in r[2])
    client_cpu = sum(r[3] for r in results)
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")
    return {"rate": count / seconds, "count": count, "failures": failures, "p50": p(0.50), "p99": p(0.99),
            "client_cpu": client_cpu / seconds, "peak": peak}


def cli_rate(cmd_for, runs):
    t0 = time.perf_counter()
    for i in range(runs):
        run(cmd_for(i))
    return runs / (time.perf_counter() - t0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grassroots", required=True)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--history")
    parser.add_argument("--group", default="group:dq-t1-v1-g1")
    parser.add_argument("--unit", default="unit:dq")
    parser.add_argument("--cli-runs", type=int, default=50)
    parser.add_argument("--work")
    args = parser.parse_args()
    binary = os.path.abspath(args.grassroots)
    work = args.work or tempfile.mkdtemp(prefix="bench-serve-")
    os.makedirs(work, exist_ok=True)
    ledger = os.path.join(work, "ledger")
    shutil.rmtree(ledger, ignore_errors=True)
    env = {**os.environ, "GRASSROOTS_LANG": "en"}
    g = [binary, "--ledger", ledger]
    if args.history:
        run(g + ["init"], env=env)
        run(g + ["append", args.history], env=env)
    else:
        run(g + ["demo"], env=env)
    password_file = os.path.join(work, "password")
    with open(password_file, "w") as f:
        f.write(PASSWORD + "\n")
    run(g + ["account", "add", "bench-clerk", "--role", "clerk", "--unit", args.unit, "--password-file", password_file], env=env)
    head = json.loads(run(g + ["stats", "--json"], env=env)).get("events")

    server = subprocess.Popen(g + ["serve", "--port", "0"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while "http://" not in line:  # Hummingbird's own log line comes first
            line = server.stderr.readline()
            if not line:
                sys.exit("the server stopped before it said where it listens")
        match = re.search(r"http://[^ ]*:(\d+)", line)
        if not match:
            sys.exit(f"the server did not say where it listens: {line!r}")
        port = int(match.group(1))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("POST", "/api/login", body=json.dumps({"account": "bench-clerk", "password": PASSWORD}),
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit(f"login answered {response.status}: {body!r}")
        token = json.loads(body)["token"]
        idle = memory(server.pid)
        rows = []
        for kind in ("roster", "append"):
            for clients in [int(c) for c in args.clients.split(",")]:
                r = load(port, token, kind, args.group, clients, args.seconds, server.pid)
                rows.append((kind, clients, r))
                print(f"{kind} x{clients}: {r['rate']:.0f}/s", file=sys.stderr)
        after = memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    roster_cli = cli_rate(lambda i: g + ["roster", "--group", args.group, "--json"], args.cli_runs)
    events_dir = os.path.join(work, "one")
    os.makedirs(events_dir, exist_ok=True)

    def append_cmd(i):
        path = os.path.join(events_dir, f"{i}.ndjson")
        with open(path, "w") as f:
            f.write(json.dumps({"type": "fund.received", "effectiveDate": "2026-01-02", "idempotencyKey": f"cli-{i}-{time.time_ns()}",
                                "data": {"group": args.group, "amountFen": 1, "source": "bench"}}) + "\n")
        return g + ["append", path]
    append_cli = cli_rate(append_cmd, args.cli_runs)

    print(f"ledger: {head} events before the run; {args.seconds:g} s per load; group {args.group}")
    print()
    print("| work | clients | requests/s | p50 ms | p99 ms | failures | clients' CPU (cores) | server RSS peak |")
    print("|---|---|---|---|---|---|---|---|")
    for kind, clients, r in rows:
        print(f"| {kind} | {clients} | {r['rate']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['failures']} | "
              f"{r['client_cpu']:.2f} | {r['peak']['VmRSS'] / 1024:.0f} MiB (anon {r['peak']['RssAnon'] / 1024:.0f}) |")
    print()
    print(f"CLI, one process a request: roster {roster_cli:,.1f}/s, one-event append {append_cli:,.1f}/s ({args.cli_runs} runs each)")
    print(f"server memory: idle after login {idle['VmRSS'] / 1024:.0f} MiB (anon {idle['RssAnon'] / 1024:.0f}); "
          f"after the load {after['VmRSS'] / 1024:.0f} MiB (anon {after['RssAnon'] / 1024:.0f}); high-water {after['VmHWM'] / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
