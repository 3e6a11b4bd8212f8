/*
 * series_sum.h - a range of blocks, shared among OpenMP threads.
 */
#ifndef MACLAURIN_SERIES_SUM_H
#define MACLAURIN_SERIES_SUM_H

#include <stdatomic.h>
#include <stdint.h>

#include "exact_acc.h"
#include "series_kernels.h"
#include "series_plan.h"

/*
 * Add the blocks [first_block, end_block) of an n_terms-term series, each
 * summed by kernel, into *sum, exactly.  The threads of an OpenMP team (or
 * this thread alone in a build without OpenMP) take the blocks in chunks
 * from a shared counter, as they come free; each keeps its own accumulator
 * and they merge in an OpenMP reduction.  The sum is exact, so the result
 * is the same for any number of threads and any order of the blocks.
 *
 * stop (NULL: never) is read before every block: once it is non-zero each
 * thread abandons its remaining blocks, within one block (about 65536
 * terms), and the sum is partial; the caller must check *stop afterwards
 * and discard it.  A signal handler sets it.
 */
void series_sum_exact(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                      uint64_t first_block, uint64_t end_block, const atomic_int *stop,
                      exact_acc *sum);

/* The same range summed in plain double arithmetic, in contiguous ranges
 * per thread (its bits depend on the order, hence on the thread count). */
double series_sum_plain(series_kernel_fn kernel, const series_plan *plan, uint64_t n_terms,
                        uint64_t first_block, uint64_t end_block, const atomic_int *stop);

#endif
