/*
 * peak_cache.c - read and write the measured peak.
 */
#include "peak_cache.h"

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

double peak_cache_read(const char **source)
{
    const char *env = getenv("MACLAURIN_PEAK");
    if (env && *env) {
        *source = "MACLAURIN_PEAK";
        return parse_peak(env);
    }
    *source = "unknown: run maclaurin_peak or make bench";
    char path[1024], line[64];
    if (peak_cache_path(path, sizeof path) != 0)
        return 0.0;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0.0;
    double v = fgets(line, sizeof line, f) ? parse_peak(line) : 0.0;
    fclose(f);
    if (v > 0)
        *source = "measured by maclaurin_peak";
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
