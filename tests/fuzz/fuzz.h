/*
 * fuzz.h - what the libFuzzer targets share.
 *
 * require(cond, format, ...): when a property fails, say which and where,
 * and abort, so that libFuzzer reports a crash and saves the input.
 */
#ifndef MACLAURIN_FUZZ_H
#define MACLAURIN_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

#define require(cond, ...)                                                                         \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: property failed: ", __FILE__, __LINE__);                       \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
