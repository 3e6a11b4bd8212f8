/*
 * reference.h - the closed form every answer is checked against.
 */
#ifndef MACLAURIN_REFERENCE_H
#define MACLAURIN_REFERENCE_H

#include <stdint.h>

/* Relative tolerance: |computed - exact| <= SERIES_TOLERANCE * sum |x|^k. */
#define SERIES_TOLERANCE 2e-14

/* The exact partial sum (1 - x^n) / (1 - x), in extended precision. */
long double series_reference(double x, uint64_t n);

/* sum_{k<n} |x|^k = (1 - |x|^n) / (1 - |x|), the scale the error is measured on. */
long double series_abs_sum(double x, uint64_t n);

/* The error bound SERIES_TOLERANCE * sum_{k<n} |x|^k. */
double series_error_bound(double x, uint64_t n);

#endif
