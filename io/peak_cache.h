/*
 * peak_cache.h - where the measured FMA peak is kept between runs.
 *
 * maclaurin_peak measures the peak and writes it to a small cache file;
 * the drivers read it to report their fraction of peak without spending
 * time measuring it again.  MACLAURIN_PEAK (lane-operations per second per
 * core) overrides the file; MACLAURIN_PEAK_CACHE names the file (default
 * ${XDG_CACHE_HOME:-$HOME/.cache}/maclaurin/peak-<host>-<simd>).
 */
#ifndef MACLAURIN_PEAK_CACHE_H
#define MACLAURIN_PEAK_CACHE_H

#include <stddef.h>

/* The cache file's path; returns 0, or -1 when no path can be formed. */
int peak_cache_path(char *path, size_t size);

/* The peak per core, or 0 when unknown; *source says where it came from,
 * or why it is unknown ("no peak measured on this machine: run ..."). */
double peak_cache_read(const char **source);

/* Store the peak; returns 0, or -1 with errno set. */
int peak_cache_write(double lane_ops_per_second);

#endif
