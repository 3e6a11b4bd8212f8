/*
 * wall_clock.h - the one clock every timing in the programs reads.
 */
#ifndef MACLAURIN_WALL_CLOCK_H
#define MACLAURIN_WALL_CLOCK_H

#include <time.h>

/* Seconds on the monotonic clock (immune to the date being changed). */
static inline double wall_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

#endif
