#ifndef CFLOATENVIRONMENT_H
#define CFLOATENVIRONMENT_H

/// Makes the calling thread's floating-point unit flush subnormal results and inputs to zero
/// (x86: MXCSR FTZ and DAZ bits; arm64: FPCR FZ bit). Idempotent and cheap (tens of cycles).
void mfae_flush_subnormals_to_zero(void);

/// Whether the calling thread currently flushes subnormals to zero.
int mfae_flushes_subnormals_to_zero(void);

#endif
