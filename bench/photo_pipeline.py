"""Benchmark of the product-photo pipeline: a 12-megapixel phone JPEG to every rendition.

Makes a 4000×3000 JPEG like a phone's (sideways, EXIF orientation 6, GPS), then times
``catalogue.photos.prepare_photo`` (check, decode, turn upright, strip metadata, re-encode
the 2048-px original and every rendition in WebP and JPEG) and measures its peak memory two
ways: Python allocations (tracemalloc) and the growth of the process's peak resident set
(resource.getrusage), which also counts Pillow's pixel buffers. Each run is a fresh process
so one run's peak cannot hide the next.

    python bench/photo_pipeline.py [--runs 5]
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.test")


def phone_jpeg(width: int = 4000, height: int = 3000) -> bytes:
    """A detailed 12-MP photo (noise over a gradient compresses like a real scene), stored sideways."""
    from PIL import Image

    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    noise = Image.effect_noise((width, height), 40).convert("RGB")
    scene = Image.blend(gradient, noise, 0.5)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Apple"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (21.0, 35.0, 12.5), 3: "E", 4: (105.0, 40.0, 1.25)})
    buffer = BytesIO()
    scene.save(buffer, format="JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def one_run(path: Path) -> dict:
    import django

    django.setup()
    from catalogue.photos import prepare_photo

    data = path.read_bytes()
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    prepared = prepare_photo(BytesIO(data))
    seconds = time.perf_counter() - started
    _current, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "input_bytes": len(data),
        "seconds": seconds,
        "python_peak_mb": python_peak / 2**20,
        "rss_growth_mb": (peak_kb - baseline_kb) / 1024,
        "rss_peak_mb": peak_kb / 1024,
        "output": {f"{w}.{fmt}": len(b) for (w, fmt), b in sorted(prepared.renditions.items())}
        | {"original.jpg": len(prepared.jpeg)},
        "original_size": [prepared.width, prepared.height],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one)))
        return
    results = []
    with tempfile.TemporaryDirectory() as folder:
        photo = Path(folder) / "IMG_0001.JPG"
        photo.write_bytes(phone_jpeg())
        for _ in range(args.runs):
            output = subprocess.run(
                [sys.executable, __file__, "--one", str(photo)],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
    seconds = [r["seconds"] for r in results]
    first = results[0]
    print(f"input: 4000x3000 JPEG, {first['input_bytes'] / 2**20:.1f} MB, EXIF orientation 6 + GPS")
    print(
        f"stored original: {first['original_size'][0]}x{first['original_size'][1]} JPEG, "
        f"{first['output']['original.jpg'] / 1024:.0f} KB"
    )
    for name, size in first["output"].items():
        if name != "original.jpg":
            print(f"  rendition {name}: {size / 1024:.0f} KB")
    print(f"runs: {len(results)} (each in a fresh process)")
    print(
        f"time: median {statistics.median(seconds):.2f} s, min {min(seconds):.2f} s, max {max(seconds):.2f} s"
    )
    print(
        f"peak memory, Python allocations (tracemalloc): {max(r['python_peak_mb'] for r in results):.1f} MB"
    )
    print(
        f"peak memory, resident set growth (getrusage): {max(r['rss_growth_mb'] for r in results):.0f} MB "
        f"(process peak {max(r['rss_peak_mb'] for r in results):.0f} MB)"
    )


if __name__ == "__main__":
    main()
