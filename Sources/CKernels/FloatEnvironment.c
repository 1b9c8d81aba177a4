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

unsigned long mfae_save_and_flush_subnormals(void) {
    unsigned int csr = _mm_getcsr();
    if ((csr & MFAE_FTZ_DAZ) != MFAE_FTZ_DAZ) _mm_setcsr(csr | MFAE_FTZ_DAZ);
    return csr;
}

void mfae_restore_float_mode(unsigned long mode) {
    if (_mm_getcsr() != (unsigned int)mode) _mm_setcsr((unsigned int)mode);
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

unsigned long mfae_save_and_flush_subnormals(void) {
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    if ((fpcr & MFAE_FPCR_FZ) == 0) __asm__ volatile("msr fpcr, %0" : : "r"(fpcr | MFAE_FPCR_FZ));
    return (unsigned long)fpcr;
}

void mfae_restore_float_mode(unsigned long mode) {
    __asm__ volatile("msr fpcr, %0" : : "r"((uint64_t)mode));
}

#else
void mfae_flush_subnormals_to_zero(void) {}
int mfae_flushes_subnormals_to_zero(void) { return 0; }
unsigned long mfae_save_and_flush_subnormals(void) { return 0; }
void mfae_restore_float_mode(unsigned long mode) { (void)mode; }
#endif
