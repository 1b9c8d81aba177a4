#include "CKernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define MFAE_FTZ_DAZ 0x8040u /* flush-to-zero (bit 15) and denormals-are-zero (bit 6) */

void mfae_flush_subnormals_to_zero(void) {
    unsigned int csr = _mm_getcsr();
    if ((csr & MFAE_FTZ_DAZ) != MFAE_FTZ_DAZ) _mm_setcsr(csr | MFAE_FTZ_DAZ);
}

int mfae_flushes_subnormals_to_zero(void) {
    return (_mm_getcsr() & MFAE_FTZ_DAZ) == MFAE_FTZ_DAZ;
}

#elif defined(__aarch64__)
#include <stdint.h>
#define MFAE_FPCR_FZ (1ull << 24)

void mfae_flush_subnormals_to_zero(void) {
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    if ((fpcr & MFAE_FPCR_FZ) == 0) __asm__ volatile("msr fpcr, %0" : : "r"(fpcr | MFAE_FPCR_FZ));
}

int mfae_flushes_subnormals_to_zero(void) {
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    return (fpcr & MFAE_FPCR_FZ) != 0;
}

#else
void mfae_flush_subnormals_to_zero(void) {}
int mfae_flushes_subnormals_to_zero(void) { return 0; }
#endif
