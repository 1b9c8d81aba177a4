#include "CKernels.h"

/* One body, compiled twice: for the baseline x86-64 (SSE2) and, where the CPU has them, for AVX2 with
   FMA. Same arithmetic in the same order per element; the AVX2 build may fuse a multiply and an add,
   so the two can differ in the last bit. A process always takes the same one (the CPU decides). */
#define MFAE_ADAM_APPLY(i, raw)                                                               \
    do {                                                                                      \
        const float gradient = (raw) + c.decay * w[i];                                        \
        const float first = c.beta1 * m[i] + one_minus_beta1 * gradient;                      \
        const float second = c.beta2 * v[i] + one_minus_beta2 * gradient * gradient;          \
        w[i] -= c.step_size * first / (__builtin_sqrtf(second) * c.inverse_root_correction2 + c.epsilon); \
        m[i] = first;                                                                         \
        v[i] = second;                                                                        \
    } while (0)

#define MFAE_ADAM_ELEMENT(i)                                                                  \
    do {                                                                                      \
        MFAE_ADAM_APPLY(i, g[i]);                                                             \
        g[i] = 0;                                                                             \
    } while (0)

#define MFAE_ADAM_SPAN_BODY                                                                   \
    const float one_minus_beta1 = 1.0f - c.beta1, one_minus_beta2 = 1.0f - c.beta2;            \
    for (long i = 0; i < count; i++) MFAE_ADAM_ELEMENT(i);

#define MFAE_ADAM_ROWS_BODY                                                                   \
    const float one_minus_beta1 = 1.0f - c.beta1, one_minus_beta2 = 1.0f - c.beta2;            \
    if (width == 1) { /* bias tables: one line per row, so a separate, lighter loop */          \
        for (long r = 0; r < row_count; r++) {                                                \
            if (r + MFAE_ADAM_PREFETCH_DISTANCE < row_count) {                                \
                const long ahead = rows[r + MFAE_ADAM_PREFETCH_DISTANCE];                     \
                __builtin_prefetch(values + ahead, 1);                                        \
                __builtin_prefetch(first_moment + ahead, 1);                                  \
                __builtin_prefetch(second_moment + ahead, 1);                                 \
            }                                                                                 \
            const long row = rows[r];                                                         \
            float *restrict w = values + row, *restrict m = first_moment + row;               \
            float *restrict v = second_moment + row, *restrict g = gradient + r;              \
            MFAE_ADAM_ELEMENT(0);                                                             \
        }                                                                                     \
        return;                                                                               \
    }                                                                                         \
    switch (width) { /* the common widths as constants: the row loop unrolls fully */         \
    case 8: MFAE_ADAM_VECTOR_ROWS(8); break;                                                  \
    case 16: MFAE_ADAM_VECTOR_ROWS(16); break;                                                \
    case 32: MFAE_ADAM_VECTOR_ROWS(32); break;                                                \
    case 64: MFAE_ADAM_VECTOR_ROWS(64); break;                                                \
    default: MFAE_ADAM_VECTOR_ROWS(width); break;                                             \
    }

#define MFAE_ADAM_VECTOR_ROWS(row_width)                                                      \
    do {                                                                                      \
        const long cols = (row_width);                                                        \
        for (long r = 0; r < row_count; r++) {                                                \
            if (r + MFAE_ADAM_PREFETCH_DISTANCE < row_count) {                                \
                const long ahead = (long)rows[r + MFAE_ADAM_PREFETCH_DISTANCE] * cols;        \
                for (long line = 0; line < cols; line += 16) {                                \
                    __builtin_prefetch(values + ahead + line, 1);                             \
                    __builtin_prefetch(first_moment + ahead + line, 1);                       \
                    __builtin_prefetch(second_moment + ahead + line, 1);                      \
                }                                                                             \
            }                                                                                 \
            const long start = (long)rows[r] * cols;                                          \
            float *restrict w = values + start, *restrict m = first_moment + start;           \
            float *restrict v = second_moment + start, *restrict g = gradient + r * cols;     \
            for (long i = 0; i < cols; i++) MFAE_ADAM_ELEMENT(i);                             \
        }                                                                                     \
    } while (0)

/* Rows ahead whose cache lines are requested while the current row is updated: the touched rows
   come in first-touch order, scattered over tables larger than the caches. */
#define MFAE_ADAM_PREFETCH_DISTANCE 6

void mfae_adam_update_portable(float *restrict w, float *restrict m, float *restrict v, float *restrict g,
                               long count, mfae_adam_constants c) {
    MFAE_ADAM_SPAN_BODY
}

void mfae_adam_update_rows_portable(float *restrict values, float *restrict first_moment,
                                    float *restrict second_moment, float *restrict gradient, long width,
                                    const int32_t *rows, long row_count, mfae_adam_constants c) {
    MFAE_ADAM_ROWS_BODY
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma,prfchw")))
void mfae_adam_update_avx2(float *restrict w, float *restrict m, float *restrict v, float *restrict g,
                           long count, mfae_adam_constants c) {
    MFAE_ADAM_SPAN_BODY
}

__attribute__((target("avx2,fma,prfchw")))
void mfae_adam_update_rows_avx2(float *restrict values, float *restrict first_moment,
                                float *restrict second_moment, float *restrict gradient, long width,
                                const int32_t *rows, long row_count, mfae_adam_constants c) {
    MFAE_ADAM_ROWS_BODY
}

int mfae_cpu_has_avx2_fma(void) {
    static int answer = -1; /* benign race: every thread computes the same value */
    if (answer < 0) {
        __builtin_cpu_init();
        answer = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return answer;
}
#else
void mfae_adam_update_avx2(float *restrict w, float *restrict m, float *restrict v, float *restrict g,
                           long count, mfae_adam_constants c) {
    mfae_adam_update_portable(w, m, v, g, count, c);
}

void mfae_adam_update_rows_avx2(float *restrict values, float *restrict first_moment,
                                float *restrict second_moment, float *restrict gradient, long width,
                                const int32_t *rows, long row_count, mfae_adam_constants c) {
    mfae_adam_update_rows_portable(values, first_moment, second_moment, gradient, width, rows, row_count, c);
}

int mfae_cpu_has_avx2_fma(void) { return 0; }
#endif

void mfae_adam_update(float *restrict w, float *restrict m, float *restrict v, float *restrict g, long count,
                      mfae_adam_constants c) {
    if (mfae_cpu_has_avx2_fma()) mfae_adam_update_avx2(w, m, v, g, count, c);
    else mfae_adam_update_portable(w, m, v, g, count, c);
}

void mfae_adam_update_rows(float *restrict values, float *restrict first_moment, float *restrict second_moment,
                           float *restrict gradient, long width, const int32_t *rows, long row_count,
                           mfae_adam_constants c) {
    if (mfae_cpu_has_avx2_fma())
        mfae_adam_update_rows_avx2(values, first_moment, second_moment, gradient, width, rows, row_count, c);
    else
        mfae_adam_update_rows_portable(values, first_moment, second_moment, gradient, width, rows, row_count, c);
}

