#ifndef CKERNELS_H
#define CKERNELS_H

/// Makes the calling thread's floating-point unit flush subnormal results and inputs to zero
/// (x86: MXCSR FTZ and DAZ bits; arm64: FPCR FZ bit). Idempotent and cheap (tens of cycles).
void mfae_flush_subnormals_to_zero(void);

/// Whether the calling thread currently flushes subnormals to zero.
int mfae_flushes_subnormals_to_zero(void);

/// One Adam step over `count` contiguous parameters (see Adam.swift for the formula):
///   g' = g + decay·w;  m = β1·m + (1−β1)·g';  v = β2·v + (1−β2)·g'²;
///   w -= step_size · m / (√v · inverse_root_correction2 + ε)
/// Plain C so that the compiler vectorises the square root (Swift's SIMD square root is scalarised).
void mfae_adam_update(float *restrict w, float *restrict m, float *restrict v, const float *restrict g,
                      long count, float beta1, float beta2, float step_size,
                      float inverse_root_correction2, float epsilon, float decay);

#endif
