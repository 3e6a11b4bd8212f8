/*
 * simd.h - the vector type the kernels are written in.
 *
 * The widest double-precision SIMD the build targets (AVX-512, AVX, SSE2 or
 * NEON, else one double), as a GCC vector extension.  Everything above this
 * header speaks in "lanes": the kernels always run SERIES_LANES = 32 logical
 * lanes, packed into SERIES_CHAINS vectors, so the arithmetic each lane does
 * is the same whatever the vector width, and results agree bit for bit
 * between an AVX-512, an AVX2 and a scalar build.
 */
#ifndef MACLAURIN_SIMD_H
#define MACLAURIN_SIMD_H

#if defined(__AVX512F__)
#define SIMD_BYTES 64
#define SIMD_ISA "avx512"
#elif defined(__AVX2__)
#define SIMD_BYTES 32
#define SIMD_ISA "avx2"
#elif defined(__AVX__)
#define SIMD_BYTES 32
#define SIMD_ISA "avx"
#elif defined(__SSE2__)
#define SIMD_BYTES 16
#define SIMD_ISA "sse2"
#elif defined(__ARM_NEON) || defined(__aarch64__)
#define SIMD_BYTES 16
#define SIMD_ISA "neon"
#else
#define SIMD_BYTES 8
#define SIMD_ISA "scalar"
#endif

/* Doubles per vector register. */
#define SIMD_LANES (SIMD_BYTES / 8)

typedef double simd_vec __attribute__((vector_size(SIMD_BYTES)));

#endif
