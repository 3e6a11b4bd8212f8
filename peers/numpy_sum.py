"""numpy_sum.py - the series as a numpy user writes it.

    numpy_sum.py N X REPEAT

The powers come from x ** np.arange(...) (numpy's vectorised power) and
np.sum adds them (pairwise, so accurately).  The range goes in chunks of
2**20 terms, as anyone does once N terms of 8 bytes no longer fit in
memory; a chunk of 8 MiB also stays in cache.  Prints "SECONDS RESULT"
for each repetition, as the other peers do.
"""
import sys
import time

import numpy as np

CHUNK = 1 << 20


def series(n, x):
    total = 0.0
    for start in range(0, n, CHUNK):
        k = np.arange(start, min(start + CHUNK, n), dtype=np.float64)
        total += np.sum(x ** k)
    return total


def main(argv):
    if len(argv) != 4:
        sys.exit("usage: numpy_sum.py N X REPEAT")
    n, x, repeat = int(argv[1]), float(argv[2]), int(argv[3])
    for _ in range(repeat):
        start = time.perf_counter()
        result = series(n, x)
        print(f"{time.perf_counter() - start:.9f} {float(result)!r}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
