#include "LatentKernels.h"
#include "CKernels.h"

/* The per-rating kernels of both models (see LatentKernels.h). Every body is an always-inline function
   of a constant width k, instantiated twice (baseline x86-64 and AVX2+FMA, as in Adam.c) and, inside
   each, once per common width: with k a multiple of 8 up to 64, the user's vector and gradient stay in
   registers for all of the user's ratings. Sums run in a fixed order, so results are bit-identical run
   to run; the AVX2 build fuses multiply-adds, so it may differ from the baseline build in the last bit. */

/* The helpers below take and return 8-float vectors; they are always inlined, so the warning that
   such values change the calling convention without AVX does not apply. */
#pragma clang diagnostic ignored "-Wpsabi"

typedef float f8 __attribute__((vector_size(32), aligned(4))); /* 8 floats, any 4-byte alignment */

#define LANES_MAX 8 /* k ≤ 64 in registers */
#define PREFETCH_DISTANCE 16 /* ratings ahead whose item rows are requested */

static inline __attribute__((always_inline)) f8 load8(const float *p) { return *(const f8 *)p; }
static inline __attribute__((always_inline)) void store8(float *p, f8 x) { *(f8 *)p = x; }
static inline __attribute__((always_inline)) float sum8(f8 x) {
    return ((x[0] + x[4]) + (x[1] + x[5])) + ((x[2] + x[6]) + (x[3] + x[7]));
}
static inline __attribute__((always_inline)) int in_registers(long k) { return k % 8 == 0 && k <= 8 * LANES_MAX; }

static inline __attribute__((always_inline)) float dot(const float *a, const float *b, long k) {
    f8 accumulator = {0};
    long j = 0;
    for (; j + 8 <= k; j += 8) accumulator += load8(a + j) * load8(b + j);
    float sum = sum8(accumulator);
    for (; j < k; j++) sum += a[j] * b[j];
    return sum;
}

static inline __attribute__((always_inline)) void add_scaled(const float *x, float scale, float *y, long k) {
    long j = 0;
    for (; j + 8 <= k; j += 8) store8(y + j, load8(y + j) + scale * load8(x + j));
    for (; j < k; j++) y[j] += scale * x[j];
}

static inline __attribute__((always_inline)) void prefetch_row(const float *row, long k) {
    for (long j = 0; j < k; j += 16) __builtin_prefetch(row + j);
}

static inline __attribute__((always_inline)) mfae_decode_sums
decode(const int32_t *restrict items, const float *restrict ratings, long count, const float *restrict item_bias,
       const float *restrict item_vectors, const long k, float base, const float *restrict user_vector,
       float loss_scale, float per_use_l2, const mfae_gradient_rows *bias_gradient,
       const mfae_gradient_rows *vector_gradient, float *restrict user_vector_gradient) {
    const long lanes = k / 8;
    /* Local copies of the views: their fields stay in registers instead of being reloaded after
       every store to a gradient. */
    const mfae_gradient_rows bias_view = *bias_gradient, vector_view = *vector_gradient;
    f8 v[LANES_MAX], dv[LANES_MAX];
    if (in_registers(k))
        for (long c = 0; c < lanes; c++) { v[c] = load8(user_vector + 8 * c); dv[c] = load8(user_vector_gradient + 8 * c); }
    double squared_errors = 0, penalty = 0;
    float bias_sum = 0;
    for (long n = 0; n < count; n++) {
        if (n + PREFETCH_DISTANCE < count) prefetch_row(item_vectors + (long)items[n + PREFETCH_DISTANCE] * k, k);
        const long item = items[n];
        const float *restrict t = item_vectors + item * k;
        float product;
        if (in_registers(k)) {
            f8 accumulator = {0};
            for (long c = 0; c < lanes; c++) accumulator += v[c] * load8(t + 8 * c);
            product = sum8(accumulator);
        } else {
            product = dot(user_vector, t, k);
        }
        const float error = (base + item_bias[item] + product) - ratings[n];
        squared_errors += (double)(error * error);
        const float g = 2 * error * loss_scale;
        *mfae_touch(&bias_view, item) += g;
        float *gradient = mfae_touch(&vector_view, item);
        if (in_registers(k)) {
            for (long c = 0; c < lanes; c++) store8(gradient + 8 * c, load8(gradient + 8 * c) + g * v[c]);
        } else {
            add_scaled(user_vector, g, gradient, k);
        }
        if (per_use_l2 > 0) {
            penalty += (double)(per_use_l2 * dot(t, t, k));
            add_scaled(t, 2 * per_use_l2, gradient, k);
        }
        bias_sum += g;
        if (in_registers(k)) {
            for (long c = 0; c < lanes; c++) dv[c] += g * load8(t + 8 * c);
        } else {
            add_scaled(t, g, user_vector_gradient, k);
        }
    }
    if (in_registers(k))
        for (long c = 0; c < lanes; c++) store8(user_vector_gradient + 8 * c, dv[c]);
    mfae_decode_sums sums = {squared_errors, penalty, bias_sum};
    return sums;
}

static inline __attribute__((always_inline)) float pool(const float *restrict bias, const float *restrict vectors,
                                                        const long k, const int32_t *restrict rows, long count,
                                                        float weight, float *restrict vector) {
    float bias_sum = 0;
    if (in_registers(k)) {
        const long lanes = k / 8;
        f8 sum[LANES_MAX];
        for (long c = 0; c < lanes; c++) sum[c] = (f8){0};
        for (long n = 0; n < count; n++) {
            const float *restrict row = vectors + (long)rows[n] * k;
            bias_sum += bias[rows[n]];
            for (long c = 0; c < lanes; c++) sum[c] += load8(row + 8 * c);
        }
        for (long c = 0; c < lanes; c++) store8(vector + 8 * c, sum[c] * weight);
    } else {
        for (long j = 0; j < k; j++) vector[j] = 0;
        for (long n = 0; n < count; n++) {
            bias_sum += bias[rows[n]];
            add_scaled(vectors + (long)rows[n] * k, 1, vector, k);
        }
        for (long j = 0; j < k; j++) vector[j] *= weight;
    }
    return bias_sum * weight;
}

static inline __attribute__((always_inline)) double
scatter(const int32_t *restrict rows, long count, float weight, float bias_gradient,
        const float *restrict vector_gradient, const float *restrict vectors, const long k, float use_l2,
        const mfae_gradient_rows *bias_rows, const mfae_gradient_rows *vector_rows) {
    const float bias_part = weight * bias_gradient;
    const mfae_gradient_rows bias_view = *bias_rows, vector_view = *vector_rows; /* fields in registers, as in decode */
    double penalty = 0;
    const long lanes = k / 8;
    f8 part[LANES_MAX];
    if (in_registers(k))
        for (long c = 0; c < lanes; c++) part[c] = weight * load8(vector_gradient + 8 * c);
    for (long n = 0; n < count; n++) {
        const long row = rows[n];
        *mfae_touch(&bias_view, row) += bias_part;
        float *target = mfae_touch(&vector_view, row);
        if (in_registers(k)) {
            for (long c = 0; c < lanes; c++) store8(target + 8 * c, load8(target + 8 * c) + part[c]);
        } else {
            add_scaled(vector_gradient, weight, target, k);
        }
        if (use_l2 > 0) {
            const float *source = vectors + row * k;
            penalty += (double)(use_l2 * dot(source, source, k));
            add_scaled(source, 2 * use_l2, target, k);
        }
    }
    return penalty;
}

/* SplitMix64's next draw (SplitMix64.swift, the same constants). */
static inline uint64_t splitmix64_next(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

long mfae_select_codes(const int32_t *codes, long count, uint64_t *mask_state, float drop_fraction, long member,
                       long members, const float *vectors, const float *bias, long k, int32_t *selected,
                       long *selected_count) {
    /* Branch-free: with half the ratings dropped at random, a branch on the draw is mispredicted about
       every other rating. Every code is written and the count advances only for the selected ones.
       Each iteration prefetches the last selected row (the same lines again until another is
       selected, which costs no memory traffic), so requests go out while the loop runs. */
    long kept = 0, written = 0, last = -1;
    uint64_t state = mask_state ? *mask_state : 0; /* in a register, not stored back every rating */
    for (long n = 0; n < count; n++) {
        const long keep = !mask_state
            || !((float)(splitmix64_next(&state) >> 40) * (1.0f / 16777216.0f) < drop_fraction);
        const int32_t code = codes[n];
        const long chosen = keep & (members == 1 || mfae_row_owner(code, k, members) == member);
        kept += keep;
        selected[written] = code;
        written += chosen;
        last = chosen ? code : last;
        if (last >= 0) {
            prefetch_row(vectors + last * k, k);
            __builtin_prefetch(bias + last);
        }
    }
    if (mask_state) *mask_state = state;
    *selected_count = written;
    return kept;
}

/* One entry point per kernel and build; `width` expands to the body called with a constant width
   for the common k, or with the runtime k otherwise. */
#define BY_WIDTH(body)                                                                                    \
    switch (k) {                                                                                          \
    case 8: return body(8);                                                                               \
    case 16: return body(16);                                                                             \
    case 32: return body(32);                                                                             \
    case 64: return body(64);                                                                             \
    default: return body(k);                                                                              \
    }

#define DECODE(width) decode(items, ratings, count, item_bias, item_vectors, width, base, user_vector, loss_scale, \
                             per_use_l2, bias_gradient, vector_gradient, user_vector_gradient)
#define POOL(width) pool(bias, vectors, width, rows, count, weight, vector)
#define SCATTER(width) scatter(rows, count, weight, bias_gradient, vector_gradient, vectors, width, use_l2, \
                               bias_rows, vector_rows)

#define DEFINE_KERNELS(suffix, attributes)                                                                \
    attributes mfae_decode_sums mfae_decode_ratings_##suffix(                                             \
        const int32_t *items, const float *ratings, long count, const float *item_bias,                   \
        const float *item_vectors, long k, float base, const float *user_vector, float loss_scale,        \
        float per_use_l2, const mfae_gradient_rows *bias_gradient,                                        \
        const mfae_gradient_rows *vector_gradient, float *user_vector_gradient) {                         \
        BY_WIDTH(DECODE)                                                                                  \
    }                                                                                                     \
    attributes float mfae_pool_rows_##suffix(const float *bias, const float *vectors, long k,             \
                                             const int32_t *rows, long count, float weight, float *vector) { \
        BY_WIDTH(POOL)                                                                                    \
    }                                                                                                     \
    attributes double mfae_scatter_rows_##suffix(                                                         \
        const int32_t *rows, long count, float weight, float bias_gradient, const float *vector_gradient,  \
        const float *vectors, long k, float use_l2, const mfae_gradient_rows *bias_rows,                  \
        const mfae_gradient_rows *vector_rows) {                                                          \
        BY_WIDTH(SCATTER)                                                                                 \
    }

DEFINE_KERNELS(portable, )
#if defined(__x86_64__)
DEFINE_KERNELS(avx2, __attribute__((target("avx2,fma"))))
#else
DEFINE_KERNELS(avx2, )
#endif

mfae_decode_sums mfae_decode_ratings(const int32_t *items, const float *ratings, long count, const float *item_bias,
                                     const float *item_vectors, long k, float base, const float *user_vector,
                                     float loss_scale, float per_use_l2, const mfae_gradient_rows *bias_gradient,
                                     const mfae_gradient_rows *vector_gradient, float *user_vector_gradient) {
    return (mfae_cpu_has_avx2_fma() ? mfae_decode_ratings_avx2 : mfae_decode_ratings_portable)(
        items, ratings, count, item_bias, item_vectors, k, base, user_vector, loss_scale, per_use_l2, bias_gradient,
        vector_gradient, user_vector_gradient);
}

float mfae_pool_rows(const float *bias, const float *vectors, long k, const int32_t *rows, long count, float weight,
                     float *vector) {
    return (mfae_cpu_has_avx2_fma() ? mfae_pool_rows_avx2 : mfae_pool_rows_portable)(bias, vectors, k, rows, count,
                                                                                      weight, vector);
}

double mfae_scatter_rows(const int32_t *rows, long count, float weight, float bias_gradient,
                         const float *vector_gradient, const float *vectors, long k, float use_l2,
                         const mfae_gradient_rows *bias_rows, const mfae_gradient_rows *vector_rows) {
    return (mfae_cpu_has_avx2_fma() ? mfae_scatter_rows_avx2 : mfae_scatter_rows_portable)(
        rows, count, weight, bias_gradient, vector_gradient, vectors, k, use_l2, bias_rows, vector_rows);
}
