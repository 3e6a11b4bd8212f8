"""sweep - scripts/sweep's plan: which configurations it runs, in which
rounds and order, their keys for --resume, and a prior guess of their cost.

OpenMP: 1 x T for T in the thread counts.  MPI: R x 1 for R in the rank
counts.  Hybrid: R x T for T > 1 (R x 1 is MPI's).  A
configuration with more workers (ranks x threads) than cores is planned
only with --oversubscribe.  Weak mode: the terms are a worker's.  Every
round launches each configuration once, in its own shuffled order, so
that drift over the minutes of a sweep falls on every configuration
alike, the 1-worker base cases included.
"""
import random
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import List

# What a configuration's workers are (the CSV's series is the mathematical one).
PARALLELISMS = ("omp", "mpi", "hybrid")
# The drivers count terms in doubles' integer range.
MAX_TERMS = 1 << 53
# A prior guess of a launch's cost, for the estimate of the time left: a
# core's terms a second, and what mpirun or the bare program cost to start.
PRIOR_TERMS_PER_MS = 15000000 // 1000
START_MS = {True: 400, False: 20}


class SweepError(Exception):
    """A sweep that cannot be planned (a usage error: one line)."""


@dataclass(frozen=True)
class Config:
    """One configuration: its parallelism, ranks (0: the OpenMP driver without
    mpirun), threads, terms, and whether it has more workers than cores."""
    parallelism: str
    ranks: int
    threads: int
    terms: int
    oversubscribed: bool

    @property
    def workers(self):
        return max(self.ranks, 1) * self.threads

    @property
    def driver(self):
        return "maclaurin_omp" if self.ranks == 0 else "maclaurin_mpi"


@dataclass(frozen=True)
class Launch:
    """Configuration config in round round (0, 1, ...)."""
    round: int
    config: Config


def counts(text, limit, option):
    """'1,2,4' as [1, 2, 4], each 1 .. limit, repeats dropped."""
    out = []
    for item in text.split(","):
        if not item.isdigit():
            raise SweepError(f"invalid {option} '{text}': not a comma-separated list of counts")
        n = int(item)
        if not 1 <= n <= limit:
            raise SweepError(f"invalid {option} '{text}': {n} is not 1 .. {limit}")
        if n not in out:
            out.append(n)
    return out


def default_counts(cores):
    """1, 2, 4, ... below cores, then cores."""
    out, n = [], 1
    while n < cores:
        out.append(n)
        n *= 2
    return out + [cores]


def exact_terms(text):
    """The terms as an integer ('6e9' -> 6000000000); the driver has said it accepts them."""
    try:
        return int(Decimal(text))
    except (InvalidOperation, ValueError):
        raise SweepError(f"invalid --terms '{text}': not an integer") from None


def configs(parallelisms, threads, ranks, cores, oversubscribe, mode, terms, skipped):
    """The configurations, in the order a dry run lists them; those left out
    for want of cores are named through skipped(text)."""
    wanted = [("omp", 0, t) for t in threads] + [("mpi", r, 1) for r in ranks] + \
             [("hybrid", r, t) for r in ranks for t in threads if t > 1]
    out = []
    for name, r, t in wanted:
        if name not in parallelisms:
            continue
        workers = max(r, 1) * t
        if workers > cores and not oversubscribe:
            skipped(f"skipping {name} {r}x{t}: {workers} workers on {cores} cores (--oversubscribe runs it)")
            continue
        n = terms * workers if mode == "weak" else terms
        if n > MAX_TERMS:
            raise SweepError(f"invalid --terms: {terms} x {workers} terms is above 2^53")
        out.append(Config(name, r, t, n, workers > cores))
    return out


def launches(plan, rounds, rng=random):
    """Every configuration once a round, each round shuffled."""
    out = []
    for r in range(rounds):
        order = list(plan)
        rng.shuffle(order)
        out += [Launch(r, c) for c in order]
    return out


def describe(config, mode):
    over = ", oversubscribed" if config.oversubscribed else ""
    return f"{mode} {config.parallelism}: {config.driver} {max(config.ranks, 1)}x{config.threads}, N={config.terms}{over}"


def key(launch, mode, x, kernel, reduction):
    """As runs.config_key writes it for the rows of a complete launch."""
    c = launch.config
    return "|".join(str(v) for v in (mode, c.driver, max(c.ranks, 1), c.threads, c.terms, f"{float(x):.17g}",
                                     kernel, reduction, launch.round))


def cost_ms(config, cores):
    """A prior guess of a launch's milliseconds: a warm-up and a timed
    repetition at PRIOR_TERMS_PER_MS a core, and the start."""
    return config.terms // PRIOR_TERMS_PER_MS * 2 // min(config.workers, cores) + START_MS[config.ranks > 0]


@dataclass
class Progress:
    """The progress line after a launch: its seconds, the sweep's, and the
    time left (the prior guesses of what is left, scaled by the time spent
    over the guesses for the launches run so far)."""
    took: float
    elapsed: float
    spent_ms: int
    left_ms: int

    def left(self):
        return int(self.elapsed * self.left_ms / self.spent_ms) if self.spent_ms > 0 else 0

    def line(self):
        return f"took {self.took:.1f} s; elapsed {self.elapsed:.1f} s, about {self.left()} s left"


def progress(costs: List[str], index, elapsed, took):
    """Progress after launch INDEX of costs (one a launch, '-' for one skipped)."""
    guesses = [int(c) if c != "-" else 0 for c in costs]
    return Progress(took, elapsed, sum(guesses[:index + 1]), sum(guesses[index + 1:]))
