"""talk_python.py - the talk's three Python approaches to the series.

The talk ("Python Concurrency: threading, parallel and GIL adventures",
Chris McCafferty) sums x**k for 12,800,000 terms three ways:
SimpleMaclaurin.py (one loop), ThreadMaclaurin.py (the range split
across threading.Thread workers) and MultiprocessMaclaurin.py (the same
split across multiprocessing.Process workers, results back through a
Queue).  Only its description survives, so these are written from it, in
the plain style it teaches: a loop over the range, each term x ** k,
results appended to a list (an atomic operation under the GIL, as the
talk notes) or put on a queue.

    talk_python.py loop|threading|multiprocessing N X REPEAT WORKERS

prints "SECONDS RESULT" for each repetition, as the C peers do.  The
timing covers starting and joining the workers, as the talk's did.
"""
import multiprocessing
import sys
import threading
import time


def maclaurin(x, start, end):
    """Sum of x ** k for k in [start, end)."""
    total = 0.0
    for k in range(start, end):
        total += x ** k
    return total


def ranges(n, workers):
    """Contiguous [start, end) ranges, one a worker."""
    bounds = [n * i // workers for i in range(workers + 1)]
    return list(zip(bounds, bounds[1:]))


def simple(n, x, workers):
    return maclaurin(x, 0, n)


def threaded(n, x, workers):
    results = []

    def worker(start, end):
        results.append(maclaurin(x, start, end))

    threads = [threading.Thread(target=worker, args=r) for r in ranges(n, workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(results)


def queue_worker(queue, x, start, end):
    queue.put(maclaurin(x, start, end))


def multiprocessed(n, x, workers):
    queue = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=queue_worker, args=(queue, x) + r)
                 for r in ranges(n, workers)]
    for p in processes:
        p.start()
    total = sum(queue.get() for _ in processes)  # before join: a full pipe blocks the child
    for p in processes:
        p.join()
    return total


APPROACHES = {"loop": simple, "threading": threaded, "multiprocessing": multiprocessed}


def main(argv):
    if len(argv) != 6 or argv[1] not in APPROACHES:
        sys.exit("usage: talk_python.py loop|threading|multiprocessing N X REPEAT WORKERS")
    approach = APPROACHES[argv[1]]
    n, x, repeat, workers = int(argv[2]), float(argv[3]), int(argv[4]), int(argv[5])
    for _ in range(repeat):
        start = time.perf_counter()
        result = approach(n, x, workers)
        print(f"{time.perf_counter() - start:.9f} {result!r}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
