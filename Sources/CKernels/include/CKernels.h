#ifndef CKERNELS_H
#define CKERNELS_H

#include <stdint.h>
#include "LatentKernels.h"

/// Makes the calling thread's floating-point unit flush subnormal results and inputs to zero
/// (x86: MXCSR FTZ and DAZ bits; arm64: FPCR FZ bit). Idempotent and cheap (tens of cycles).
void mfae_flush_subnormals_to_zero(void);

/// Turns flush-to-zero on for the calling thread and returns the previous mode, for
/// mfae_restore_float_mode: library code must leave its caller's floating-point mode as it found it.
unsigned long mfae_save_and_flush_subnormals(void);

/// Restores a mode returned by mfae_save_and_flush_subnormals.
void mfae_restore_float_mode(unsigned long mode);

/// Whether the calling thread currently flushes subnormals to zero.
int mfae_flushes_subnormals_to_zero(void);

/// Per-step constants of Adam (see Adam.swift): `decay` is 2·l2 for regularised tables, else 0.
typedef struct {
    float beta1, beta2, step_size, inverse_root_correction2, epsilon, decay;
} mfae_adam_constants;

/// One Adam step over `count` contiguous parameters, consuming the gradient (it is left zero):
///   g' = g + decay·w;  m = β1·m + (1−β1)·g';  v = β2·v + (1−β2)·g'²;
///   w -= step_size · m / (√v · inverse_root_correction2 + ε);  g = 0
/// Plain C so that the compiler vectorises the square root (Swift's SIMD square root is scalarised).
/// Takes the AVX2+FMA build when the CPU has it (``mfae_cpu_has_avx2_fma``), else the portable one.
/// Complexity O(count).
void mfae_adam_update(float *restrict w, float *restrict m, float *restrict v, float *restrict g, long count,
                      mfae_adam_constants c);

/// The same step on the rows `rows[0..<row_count]` of `width`-float tables (lazy Adam's touched rows),
/// prefetching rows a few ahead. The gradient is compact: row `rows[r]`'s gradient is at
/// `gradient + r·width` (first-touch order), and is left zero. Complexity O(row_count × width).
void mfae_adam_update_rows(float *restrict values, float *restrict first_moment, float *restrict second_moment,
                           float *restrict gradient, long width, const int32_t *rows, long row_count,
                           mfae_adam_constants c);

/// Whether this CPU runs the AVX2+FMA builds (x86-64 with both features); cached after the first call.
int mfae_cpu_has_avx2_fma(void);

/// The two builds of the kernels above, for tests that check each against a reference. The `_avx2`
/// ones may only be called when ``mfae_cpu_has_avx2_fma`` returns 1 (elsewhere they run the portable code).
void mfae_adam_update_portable(float *restrict w, float *restrict m, float *restrict v, float *restrict g,
                               long count, mfae_adam_constants c);
void mfae_adam_update_avx2(float *restrict w, float *restrict m, float *restrict v, float *restrict g,
                           long count, mfae_adam_constants c);
void mfae_adam_update_rows_portable(float *restrict values, float *restrict first_moment,
                                    float *restrict second_moment, float *restrict gradient, long width,
                                    const int32_t *rows, long row_count, mfae_adam_constants c);
void mfae_adam_update_rows_avx2(float *restrict values, float *restrict first_moment,
                                float *restrict second_moment, float *restrict gradient, long width,
                                const int32_t *rows, long row_count, mfae_adam_constants c);

/// Tells the CPU that the thread is spinning on a shared flag (x86 `pause`, arm64 `yield`): cheaper
/// for the other thread of the core and for the memory system than a bare loop, and no system call.
static inline void mfae_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif
