/*
 * peak_cache.c - read and write the measured peak.
 */
#include "peak_cache.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "simd.h"

int peak_cache_path(char *path, size_t size)
{
    const char *explicit_path = getenv("MACLAURIN_PEAK_CACHE");
    if (explicit_path && *explicit_path)
        return snprintf(path, size, "%s", explicit_path) < (int)size ? 0 : -1;
    char host[256] = "unknown";
    gethostname(host, sizeof host - 1);
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;
    if (xdg && *xdg)
        n = snprintf(path, size, "%s/maclaurin/peak-%s-%s", xdg, host, SIMD_ISA);
    else if (home && *home)
        n = snprintf(path, size, "%s/.cache/maclaurin/peak-%s-%s", home, host, SIMD_ISA);
    else
        return -1;
    return n < (int)size ? 0 : -1;
}

static double parse_peak(const char *text)
{
    char *end;
    double v = strtod(text, &end);
    while (*end == '\n' || *end == ' ')
        end++;
    return end != text && *end == '\0' && isfinite(v) && v > 0 ? v : 0.0;
}

/*
 * *source completes the report's "fraction of peak" line: after the peak
 * when it is known ("measured by maclaurin_peak"), and as the reason after
 * "unknown" when it is not, so it never says "unknown" itself.
 */
double peak_cache_read(const char **source)
{
    static char why[1200];
    const char *env = getenv("MACLAURIN_PEAK");
    if (env && *env) {
        const double v = parse_peak(env);
        *source = v > 0 ? "from MACLAURIN_PEAK" : "MACLAURIN_PEAK is not a positive number";
        return v;
    }
    char path[1024], line[64];
    if (peak_cache_path(path, sizeof path) != 0) {
        *source = "no peak cache: set HOME or MACLAURIN_PEAK_CACHE, then run maclaurin_peak";
        return 0.0;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            *source = "no peak measured on this machine: run maclaurin_peak or make bench";
        else {
            snprintf(why, sizeof why, "cannot read the peak cache %s: %s", path, strerror(errno));
            *source = why;
        }
        return 0.0;
    }
    double v = fgets(line, sizeof line, f) ? parse_peak(line) : 0.0;
    const int read_error = ferror(f) ? (errno ? errno : EIO) : 0;  /* a directory: EISDIR */
    fclose(f);
    if (v > 0)
        *source = "measured by maclaurin_peak";
    else {
        if (read_error)
            snprintf(why, sizeof why, "cannot read the peak cache %s: %s", path, strerror(read_error));
        else
            snprintf(why, sizeof why, "the peak cache %s holds no peak: run maclaurin_peak again",
                     path);
        *source = why;
    }
    for (char *c = why; *c; c++)  /* the report's one line, whatever the path holds */
        if (iscntrl((unsigned char)*c))
            *c = '?';
    return v;
}

/* mkdir -p for the directories above path. */
static void make_parents(char *path)
{
    for (char *p = path + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0755);
            *p = '/';
        }
}

int peak_cache_write(double lane_ops_per_second)
{
    char path[1024], tmp[1100];
    if (peak_cache_path(path, sizeof path) != 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    make_parents(path);
    /* write then rename, so a reader never sees half a number */
    snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    fprintf(f, "%.6g\n", lane_ops_per_second);
    if (fclose(f) != 0 || rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        return -1;
    }
    return 0;
}
