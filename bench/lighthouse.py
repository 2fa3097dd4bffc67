"""Lighthouse (mobile) scores of the pages a buyer lands on, measured on the demo shop.

Runs a fresh demo under gunicorn with production settings (bench/serve.py), then Google's
Lighthouse from npm (``npx lighthouse``) with Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium) in its default mobile emulation (a mid-range phone on a throttled 4G link).
Prints one line per page and writes bench/out/lighthouse.json.

    .venv/bin/python -m bench.lighthouse
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .serve import ROOT, demo_shop, gunicorn, warm

LIGHTHOUSE = "lighthouse@13.5.0"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {"home": "/", "product": "", "category": "", "trace": "/01/08930000000033/10/AK26-03"}
PORT = int(os.environ.get("BENCH_PORT", "8766"))
FIND_PATHS = """
from oscar.core.loading import get_model
Product = get_model("catalogue", "Product")
honey = Product.objects.get(upc="8930000000026")
print(honey.get_absolute_url()); print(honey.categories.first().get_absolute_url())
"""


def lighthouse(url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    done = subprocess.run(
        ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=" + ",".join(CATEGORIES),
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
        env=env, capture_output=True, text=True,
    )
    if done.returncode:
        sys.exit(f"Lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    report = json.loads(out.read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    with demo_shop() as env:
        found = subprocess.run(
            # -v 0: the shell's "N objects imported automatically" line is not a path.
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", FIND_PATHS],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout.split()
        PAGES["product"], PAGES["category"] = found[0], found[1]
        with gunicorn(env, port=PORT) as base, tempfile.TemporaryDirectory() as folder:
            results = {}
            for name, path in PAGES.items():
                warm(base, path, times=2)
                results[name] = {"path": path} | lighthouse(base + path, Path(folder) / f"{name}.json")
                print(name, path, " ".join(f"{c}={results[name][c]}" for c in CATEGORIES), flush=True)
    out = ROOT / "bench" / "out" / "lighthouse.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
