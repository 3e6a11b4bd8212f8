"""Order statistics for repeated timings: the median, a distribution-free
confidence interval for it, and Tukey's outliers.

Timings on a shared machine are skewed (noise only slows a run down), so
nothing here assumes a distribution.  The interval is [x(j), x(n+1-j)] of
the sorted values with the largest j whose coverage, 1 - 2 P(Binomial(n,
1/2) <= j - 1), is at least 95%.  Under 6 values no such j exists; the
interval is then [min, max] and ci_level says what it covers (5 values:
93.8%, 3: 75%).
"""
try:
    from math import comb
except ImportError:   # Python before 3.8, such as a compute node's RHEL 8 python3
    from math import factorial

    def comb(n, k):
        return factorial(n) // (factorial(k) * factorial(n - k))

LEVEL = 0.95


def median(values):
    v = sorted(values)
    n = len(v)
    if n == 0:
        raise ValueError("median of no values")
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def _below(n, j):
    """P(Binomial(n, 1/2) <= j - 1), exactly."""
    return sum(comb(n, i) for i in range(j)) / 2 ** n


def ci_rank(n):
    """The j of the interval [x(j), x(n+1-j)] (1-based)."""
    j = 1
    while j + 1 <= (n + 1) / 2 and 1 - 2 * _below(n, j + 1) >= LEVEL:
        j += 1
    return j


def ci_level(n):
    """The probability that the interval covers the true median."""
    return 1 - 2 * _below(n, ci_rank(n))


def interval(values):
    """(low, high): the median's distribution-free confidence interval."""
    v = sorted(values)
    j = ci_rank(len(v))
    return v[j - 1], v[len(v) - j]


def outliers(values):
    """How many values lie beyond Tukey's fences, 1.5 interquartile ranges
    outside the quartiles (the medians of the lower and upper halves); none
    under 4 values."""
    v = sorted(values)
    n = len(v)
    if n < 4:
        return 0
    h = n // 2
    q1, q3 = median(v[:h]), median(v[n - h:])
    iqr = q3 - q1
    return sum(1 for x in v if x < q1 - 1.5 * iqr or x > q3 + 1.5 * iqr)
