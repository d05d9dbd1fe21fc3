"""How long `mapgen geocode` takes and how much memory it uses: the first call (which builds the
gazetteer's index into the cache) and the calls after it (which only read it).

    python benchmarks/gazetteer.py [--runs 5] [NAME ...]

Each call is a fresh `mapgen geocode` process, timed as a whole (imports included), with its
peak resident memory. A temporary cache folder is used, so the user's own cache is left alone.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

# Run in a small parent process of its own, so that RUSAGE_CHILDREN is this one call's peak.
_PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run([sys.executable, "-m", "mapgen", "geocode", sys.argv[1]], check=True,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def call(cache: str, name: str) -> tuple[float, float]:
    """Seconds and peak MB of one `mapgen geocode NAME`."""
    env = {**os.environ, "MAPGEN_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, "-c", _PROBE, name], env=env, capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="lookups per name (default 5)")
    parser.add_argument("names", nargs="*", default=["Loslau", "Gleiwitz", "Oświęcim"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        seconds, peak = call(cache, args.names[0])
        print(f"first call, builds the index: {seconds:.2f} s, peak {peak:.0f} MB")
        for name in args.names:
            runs = [call(cache, name) for _ in range(args.runs)]
            times = [t for t, _ in runs]
            print(f"lookup {name!r}: median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}), "
                  f"peak {max(p for _, p in runs):.0f} MB")


if __name__ == "__main__":
    main()
