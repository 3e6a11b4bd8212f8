# stats.awk - order statistics for repeated timings: the median, a
# distribution-free confidence interval for it, and Tukey's outliers.
#
# Load with -f scripts/lib/stats.awk.  Each function takes a list of numbers
# separated by spaces and their count n (n >= 1).
#
# The interval is [x(j), x(n+1-j)] of the sorted values, with the largest j
# whose coverage 1 - 2 P(Binomial(n, 1/2) <= j - 1) is at least 95%: it
# assumes nothing about the distribution (timings on a shared machine are
# skewed).  Under 6 values no such j exists; then it is [min, max], and
# stats_ci_level says what it covers (5 values: 93.8%, 3: 75%).

function stats_sort(list, n, v,    i, j, t) {   # v[1..n]: the values, ascending
    split(list, v, " ")
    for (i = 2; i <= n; i++)   # insertion sort: n is a few dozen at most
        for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) {
            t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
        }
}
function stats_median(list, n,    v) {
    stats_sort(list, n, v)
    return n % 2 ? v[(n + 1) / 2] + 0 : (v[n / 2] + v[n / 2 + 1]) / 2
}
function stats_ci_rank(n,    j, tail, term, i) {   # the j above
    tail = 0; term = 2 ^ -n   # P(Bin = 0)
    for (j = 1; ; j++) {
        tail += term   # P(Bin <= j - 1)
        if (1 - 2 * (tail + term * (n - j + 1) / j) < 0.95 || j + 1 > (n + 1) / 2)
            return j
        term = term * (n - j + 1) / j
    }
}
function stats_ci_level(n,    j, i, tail, term) {
    j = stats_ci_rank(n)
    tail = 0; term = 2 ^ -n
    for (i = 0; i < j; i++) { tail += term; term = term * (n - i) / (i + 1) }
    return 1 - 2 * tail
}
function stats_ci_low(list, n,    v) { stats_sort(list, n, v); return v[stats_ci_rank(n)] + 0 }
function stats_ci_high(list, n,    v) { stats_sort(list, n, v); return v[n + 1 - stats_ci_rank(n)] + 0 }
# Values beyond Tukey's fences, 1.5 interquartile ranges outside the
# quartiles (medians of the lower and upper halves); none under 4 values.
function stats_outliers(list, n,    v, h, q1, q3, iqr, i, out) {
    if (n < 4)
        return 0
    stats_sort(list, n, v)
    h = int(n / 2)
    q1 = h % 2 ? v[(h + 1) / 2] : (v[h / 2] + v[h / 2 + 1]) / 2
    q3 = h % 2 ? v[n - (h - 1) / 2] : (v[n - h / 2 + 1] + v[n - h / 2]) / 2
    iqr = q3 - q1
    out = 0
    for (i = 1; i <= n; i++)
        if (v[i] + 0 < q1 - 1.5 * iqr || v[i] + 0 > q3 + 1.5 * iqr)
            out++
    return out
}
