"""The trace page (what every QR scan opens) cached and uncached, against /healthz in the same run.

gunicorn with 2 workers and production settings on SQLite with the demo data; wrk at 8
connections. Two server runs: the default (anonymous pages from the cache) and one with
TRACE_PAGE_CACHE_SECONDS=0 (every hit renders); each run measures /healthz first, and the
ratios are against the /healthz of the same run. Also reports the first-load size of the page
(HTML with its inline CSS: the page loads no stylesheet, script or font).

Usage: python bench/trace_page.py [--seconds 10] [--workdir DIR]
(--workdir keeps the migrated, seeded database between runs; seeding takes minutes.)
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serve import ROOT, bench_environment, gunicorn, manage  # noqa: E402

TRACE_PATH = "/01/08930000000019/10/AK26-01"  # the demo blend: its own diary and two origin lots
TARGETS = {"cached": 0.40, "uncached": 0.06, "p99_ms": 50.0, "first_load_bytes": 60_000}
OUT = ROOT / "bench" / "out" / "trace_page.json"


def environment(workdir: Path, **extra: str) -> dict:
    env = bench_environment(workdir) | extra
    env.pop("REDIS_URL", None)
    return env


def prepare(workdir: Path) -> None:
    if not (workdir / "bench.sqlite3").exists():
        env = environment(workdir)
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "seed_demo")


def fetch(base: str, path: str) -> bytes:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        assert response.status == 200, (path, response.status)
        return response.read()


def wrk(base: str, path: str, seconds: int) -> dict:
    for _ in range(4):
        fetch(base, path)  # warm both workers
    out = subprocess.run(
        ["/usr/bin/wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", base + path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "path": path,
        "requests_per_second": rps,
        "p99_ms": float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)],
        "errors": int(errors.group(1)) if errors else 0,
    }


def run(workdir: Path, seconds: int) -> dict:
    results = {}
    for mode, extra, port in (("cached", {}, 8781), ("uncached", {"TRACE_PAGE_CACHE_SECONDS": "0"}, 8782)):
        with gunicorn(environment(workdir, **extra), port) as base:
            if mode == "cached":
                page = fetch(base, TRACE_PATH)
                results["first_load_bytes"] = len(page)
                results["stylesheets_loaded"] = len(re.findall(rb'<link[^>]+rel="stylesheet"', page))
                assert b"Record intact" in fetch(base, TRACE_PATH + "?lang=en")
            healthz = wrk(base, "/healthz", seconds)
            trace = wrk(base, TRACE_PATH, seconds)
            trace["ratio_to_healthz"] = trace["requests_per_second"] / healthz["requests_per_second"]
            results[f"healthz_{mode}_run"] = healthz
            results[mode] = trace
    return results


def print_report(results: dict) -> bool:
    print(f"{'url':<34} {'req/s':>9} {'p99 ms':>8} {'of /healthz':>12} {'target':>8} {'errors':>7}")
    ok = True
    for mode in ("cached", "uncached"):
        healthz, trace = results[f"healthz_{mode}_run"], results[mode]
        print(
            f"{'/healthz (' + mode + ' run)':<34} {healthz['requests_per_second']:>9.0f} "
            f"{healthz['p99_ms']:>8.1f} {'100%':>12} {'':>8} {healthz['errors']:>7}"
        )
        # The p99 target is the page as a scan gets it, from the cache; a render's p99 is reported.
        met = trace["ratio_to_healthz"] >= TARGETS[mode] and (mode == "uncached" or trace["p99_ms"] < TARGETS["p99_ms"])
        ok &= met and trace["errors"] == 0
        print(
            f"{'trace page, ' + mode:<34} {trace['requests_per_second']:>9.0f} {trace['p99_ms']:>8.1f} "
            f"{trace['ratio_to_healthz']:>11.1%} {'≥' + format(TARGETS[mode], '.0%'):>8} {trace['errors']:>7}"
            f"  {'met' if met else 'MISSED'}"
        )
    size = results["first_load_bytes"]
    ok &= size < TARGETS["first_load_bytes"] and results["stylesheets_loaded"] == 0
    print(
        f"first load: {size:,} bytes of HTML with inline CSS, {results['stylesheets_loaded']} stylesheet(s) "
        f"(target < {TARGETS['first_load_bytes']:,})"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ocop-trace-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        prepare(workdir)
        results = run(workdir, args.seconds)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2))
    sys.exit(0 if print_report(results) else 1)


if __name__ == "__main__":
    main()
