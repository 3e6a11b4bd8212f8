# scaling.awk - scaling metrics from sweep CSVs, as a tab-separated table.
#
# awk -F'\t' -v want=points|fits|meta [-v source_names=FILE] -f csv_columns.awk -f stats.awk \
#     -f scaling.awk TSV...
# Its inputs are results CSVs as maclaurin_csv2tsv writes them (analyse in
# scaling_inputs.sh); FILE names their sources, one per line, in order.
#
# Rows are grouped into series: "omp" (maclaurin_omp, workers = threads),
# "mpi" (maclaurin_mpi on 1 thread a rank, workers = ranks), "hybrid"
# (maclaurin_mpi, ranks x threads with threads > 1), else the driver's name.
# A series is one source file, host, mode, x, kernel, reduction and problem
# size (strong: terms; weak: terms per worker).  T1 is the median time of the
# same driver on 1 worker (for hybrid: maclaurin_mpi 1 x 1).  With Tp the
# median over repetitions on p workers:
#   strong: speedup S = T1/Tp, efficiency E = S/p
#   weak:   scaled speedup S = p T1/Tp, efficiency E = T1/Tp
#   Karp-Flatt e = (1/S - 1/p) / (1 - 1/p), for p > 1
# t_min/t_max are the fastest and slowest repetition; t_ci_lo/t_ci_hi a
# distribution-free confidence interval for the median (stats.awk; its
# coverage in ci_level, 0.95 or more from 6 repetitions on), and the
# speedup, efficiency and Karp-Flatt _lo/_hi columns follow from it;
# outliers counts the repetitions beyond Tukey's fences.  The fitted serial
# fraction, by least squares over the series' medians on p > 1 within the
# cores: strong, Amdahl Tp/T1 = f + (1-f)/p, f = sum(a y)/sum(a a) with
# a = 1 - 1/p, y = Tp/T1 - 1/p; weak, Gustafson S = p - s(p-1),
# s = sum((p-1)(p-S))/sum((p-1)^2).
# Rows not verified, or not whole, are left out with a warning on stderr.
# A simulated row (simulated = 1, scripts/simulate) counts as measured on
# its platform: its host is "<platform> (simulated)", so that predictions
# and measurements never fall into one series.

function karp_flatt(s, p) { return p > 1 && s > 0 ? (1 / s - 1 / p) / (1 - 1 / p) : "-" }
function num(v) { return v == "-" ? v : sprintf("%.6g", v) }
function sort_keys(arr, out,    n, k, i, j, t) {   # out[1..n]: the keys of arr, sorted
    n = 0
    for (k in arr)
        out[++n] = k
    for (i = 2; i <= n; i++)
        for (j = i; j > 1 && out[j - 1] > out[j]; j--) {
            t = out[j]; out[j] = out[j - 1]; out[j - 1] = t
        }
    return n
}
function add_fact(src, name, value) {   # distinct values of a provenance column
    if (value == "" || index(" " FACT[src, name] " / ", " " value " / "))
        return
    FACT[src, name] = FACT[src, name] == "" ? value : FACT[src, name] " / " value
}

BEGIN {
    if (source_names != "")
        while ((getline line < source_names) > 0)
            SOURCE_NAME[++n_names] = line
}
FNR == 1 {
    csv_header($0)
    file_index++
    SRC = file_index in SOURCE_NAME ? SOURCE_NAME[file_index] : FILENAME
    SOURCES[SRC] = 1
    next
}
NF != CSV_FIELDS { dropped[SRC]++; next }
col("verified") != "1" { unverified[SRC]++; next }
{
    src = SRC
    mode = has("mode") ? col("mode") : "strong"
    driver = col("driver"); ranks = col("ranks") + 0; threads = col("threads") + 0
    workers = ranks * threads
    series = driver == "maclaurin_omp" ? "omp" : driver == "maclaurin_serial" ? "serial" : \
             driver != "maclaurin_mpi" ? driver : threads == 1 ? "mpi" : "hybrid"
    size = mode == "weak" ? sprintf("%.0f", col("terms") / workers) : col("terms")
    host = col("simulated") == "1" ? col("platform") " (simulated)" : col("host")
    base = src "\t" host "\t" mode
    rest = sprintf("%.17g", col("x")) "\t" col("kernel") "\t" col("reduction") "\t" size
    group = base "\t" series "\t" driver "\t" rest
    order = series == "omp" ? 1 : series == "mpi" ? 2 : series == "hybrid" ? 3 : 4
    series_key = base SUBSEP order SUBSEP group   # sorts omp, mpi, hybrid within a source
    point = series_key SUBSEP sprintf("%09d\t%09d", workers, ranks)
    SERIES_KEY[point] = series_key
    GROUP[point] = group; RANKS[point] = ranks; THREADS[point] = threads; WORKERS[point] = workers
    TIMES[point] = TIMES[point] " " col("seconds"); N[point]++
    if (!(point in TMIN) || col("seconds") + 0 < TMIN[point]) TMIN[point] = col("seconds") + 0
    if (!(point in TMAX) || col("seconds") + 0 > TMAX[point]) TMAX[point] = col("seconds") + 0
    OVER[point] = col("oversubscribed") == "1" ? 1 : 0
    CORES[point] = col("simulated") == "1" ? "" : col("cores")   # the simulating machine's: not the platform's
    if (workers == 1)
        BASELINE_POINT[base SUBSEP driver SUBSEP rest] = point
    BASE_OF[point] = base SUBSEP driver SUBSEP rest
    ROWS[src]++
    add_fact(src, "host", host); add_fact(src, "cpu_model", col("cpu_model"))
    if (col("simulated") != "1")   # a simulated row's cores are its ranks
        add_fact(src, "cores", col("cores"))
    add_fact(src, "simd", col("simd"))
    add_fact(src, "compiler", col("compiler")); add_fact(src, "cflags", col("cflags"))
    add_fact(src, "git_rev", col("git_rev")); add_fact(src, "mode", mode)
    add_fact(src, "terms", col("terms")); add_fact(src, "x", col("x"))
    add_fact(src, "binding", col("binding"))
}

END {
    for (src in SOURCES) {
        if (dropped[src]) printf "scaling: %s: %d incomplete rows left out\n", src, dropped[src] > "/dev/stderr"
        if (unverified[src]) printf "scaling: %s: %d unverified rows left out\n", src, unverified[src] > "/dev/stderr"
    }
    n = sort_keys(GROUP, keys)
    for (i = 1; i <= n; i++) {
        pt = keys[i]
        T[pt] = stats_median(TIMES[pt], N[pt])
        T_LO[pt] = stats_ci_low(TIMES[pt], N[pt]); T_HI[pt] = stats_ci_high(TIMES[pt], N[pt])
    }
    if (want == "meta") {
        print "source\trows\thost\tcpu_model\tcores\tsimd\tcompiler\tcflags\tgit_rev\tmode\tterms\tx\tbinding"
        m = sort_keys(SOURCES, srcs)
        for (i = 1; i <= m; i++) {
            s = srcs[i]
            printf "%s\t%d", s, ROWS[s]
            split("host cpu_model cores simd compiler cflags git_rev mode terms x binding", names, " ")
            for (j = 1; j <= 11; j++)
                printf "\t%s", FACT[s, names[j]] == "" ? "-" : FACT[s, names[j]]
            printf "\n"
        }
        exit
    }
    if (want == "points")
        print "source\thost\tmode\tseries\tdriver\tx\tkernel\treduction\tsize\tranks\tthreads\tworkers\treps" \
              "\toversubscribed\tcores\tt_median\tt_min\tt_max\tt_ci_lo\tt_ci_hi\tci_level\toutliers" \
              "\tspeedup\tspeedup_lo\tspeedup_hi\tefficiency\tefficiency_lo\tefficiency_hi" \
              "\tkarp_flatt\tkarp_flatt_lo\tkarp_flatt_hi"
    else
        print "source\thost\tmode\tseries\tdriver\tx\tkernel\treduction\tsize\tlaw\tserial_fraction\tpoints\tt1"
    for (i = 1; i <= n; i++) {
        pt = keys[i]
        if (!(BASE_OF[pt] in BASELINE_POINT)) {   # nothing to compare with
            split(GROUP[pt], g, "\t")
            if (!((g[1], g[4]) in NO_BASE) && want == "points")
                printf "scaling: %s: %s left out: no 1-worker run of %s\n", g[1], g[4], g[5] > "/dev/stderr"
            NO_BASE[g[1], g[4]] = 1
            continue
        }
        t1 = T[BASELINE_POINT[BASE_OF[pt]]]
        p = WORKERS[pt]
        split(GROUP[pt], g, "\t")
        weak = g[3] == "weak"
        s = weak ? p * t1 / T[pt] : t1 / T[pt]
        s_min = weak ? p * t1 / T_HI[pt] : t1 / T_HI[pt]   # from the median's interval
        s_max = weak ? p * t1 / T_LO[pt] : t1 / T_LO[pt]
        if (want == "points") {
            printf "%s\t%d\t%d\t%d\t%d\t%d\t%s", GROUP[pt], RANKS[pt], THREADS[pt], p, N[pt], OVER[pt], CORES[pt] == "" ? "-" : CORES[pt]
            printf "\t%s\t%s\t%s", num(T[pt]), num(TMIN[pt]), num(TMAX[pt])
            printf "\t%s\t%s\t%.3f\t%d", num(T_LO[pt]), num(T_HI[pt]), stats_ci_level(N[pt]),
                   stats_outliers(TIMES[pt], N[pt])
            printf "\t%s\t%s\t%s", num(s), num(s_min), num(s_max)
            printf "\t%s\t%s\t%s", num(s / p), num(s_min / p), num(s_max / p)
            printf "\t%s\t%s\t%s\n", num(karp_flatt(s, p)), num(karp_flatt(s_max, p)), num(karp_flatt(s_min, p))
        }
        if (p > 1 && !OVER[pt]) {
            a = weak ? p - 1 : 1 - 1 / p
            y = weak ? p - s : T[pt] / t1 - 1 / p
            sk = SERIES_KEY[pt]
            FIT_AY[sk] += a * y; FIT_AA[sk] += a * a; FIT_N[sk]++
        }
        FIT_T1[SERIES_KEY[pt]] = t1
        FIT_GROUP[SERIES_KEY[pt]] = GROUP[pt]
    }
    if (want == "fits") {
        m = sort_keys(FIT_T1, groups)
        for (i = 1; i <= m; i++) {
            gr = groups[i]
            split(FIT_GROUP[gr], g, "\t")
            printf "%s\t%s\t%s\t%d\t%s\n", FIT_GROUP[gr], g[3] == "weak" ? "gustafson" : "amdahl",
                   FIT_N[gr] ? num(FIT_AY[gr] / FIT_AA[gr]) : "-", FIT_N[gr], num(FIT_T1[gr])
        }
    }
}
