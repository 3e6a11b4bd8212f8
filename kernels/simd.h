/*
 * simd.h - the vector type the kernels are written in.
 *
 * The widest double-precision SIMD the build targets (AVX-512, AVX, SSE2,
 * SVE of a fixed length, NEON, else one double), as a GCC vector extension.  Everything above this
 * header speaks in "lanes": the kernels always run SERIES_LANES = 32 logical
 * lanes, packed into SERIES_CHAINS vectors, so the arithmetic each lane does
 * is the same whatever the vector width, and results agree bit for bit
 * between an AVX-512, an AVX2, an SVE, a NEON and a scalar build.
 *
 * -DSIMD_FORCE_BYTES=64 builds the AVX-512 layout (8 doubles per vector,
 * 32 registers' worth of segments in flight) for any target: GCC splits
 * each 64-byte operation into the target's own.  It is slow, and exists so
 * that the tests can check the AVX-512 code path's bits on a machine
 * without AVX-512 (tests/cli/run_cli_tests).
 */
#ifndef MACLAURIN_SIMD_H
#define MACLAURIN_SIMD_H

/* A number in a name: "forced" "64", "sve" "512". */
#define SIMD_NUMBER(b) SIMD_NUMBER_STR(b)
#define SIMD_NUMBER_STR(b) #b

#if defined(SIMD_FORCE_BYTES)
#define SIMD_BYTES SIMD_FORCE_BYTES
#define SIMD_ISA "forced" SIMD_NUMBER(SIMD_FORCE_BYTES)
#elif defined(__AVX512F__)
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
#elif defined(__ARM_FEATURE_SVE_BITS) && (__ARM_FEATURE_SVE_BITS == 256 || __ARM_FEATURE_SVE_BITS == 512)
/* SVE at a length fixed when compiled (-msve-vector-bits=256: Neoverse V1;
 * 512: A64FX): GCC lowers the generic vector type to z-registers of that
 * length, and the binary runs only where the length is that.  SVE of a
 * length known only at run time cannot hold a fixed-size type, and 128
 * bits is NEON's width: those builds take the NEON layout below. */
#define SIMD_BYTES (__ARM_FEATURE_SVE_BITS / 8)
#define SIMD_ISA "sve" SIMD_NUMBER(__ARM_FEATURE_SVE_BITS)
#elif defined(__ARM_NEON) || defined(__aarch64__)
#define SIMD_BYTES 16
#define SIMD_ISA "neon"
#else
#define SIMD_BYTES 8
#define SIMD_ISA "scalar"
#endif

/* Doubles per vector register. */
#define SIMD_LANES (SIMD_BYTES / 8)

/*
 * Vector registers the target has: 32 with AVX-512 (and in its forced
 * layout) and on AArch64, 16 on every other x86-64 target.  The kernel
 * keeps as many independent chains in flight as they hold.
 */
#if SIMD_BYTES == 64 || defined(__aarch64__)
#define SIMD_REGISTERS 32
#else
#define SIMD_REGISTERS 16
#endif

/* The inline-asm constraint for one vector register: "x" on x86-64; "w"
 * on AArch64, where "x" would allow only v0-v15 of its 32. */
#if defined(__aarch64__)
#define SIMD_ASM_REG "w"
#else
#define SIMD_ASM_REG "x"
#endif

/*
 * Tuned for one of Intel's cores (-march=native there, or -mtune=...),
 * where vector multiplies and adds share the same ports.  GCC defines no
 * tuning macro for a generic target (x86-64-v3): that counts as not Intel.
 */
#if defined(__tune_haswell__) || defined(__tune_skylake__) || defined(__tune_skylake_avx512__) || \
    defined(__tune_cannonlake__) || defined(__tune_icelake_client__) ||                         \
    defined(__tune_icelake_server__) || defined(__tune_cascadelake__) ||                        \
    defined(__tune_tigerlake__) || defined(__tune_cooperlake__) ||                              \
    defined(__tune_sapphirerapids__) || defined(__tune_alderlake__) ||                          \
    defined(__tune_rocketlake__) || defined(__tune_graniterapids__)
#define SIMD_TUNED_FOR_INTEL 1
#endif

typedef double simd_vec __attribute__((vector_size(SIMD_BYTES)));

#endif
