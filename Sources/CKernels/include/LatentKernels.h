#ifndef MFAE_LATENT_KERNELS_H
#define MFAE_LATENT_KERNELS_H

#include <stdint.h>

/// A view of a GradientTable's storage (GradientTable.swift) for kernels that touch its rows:
/// `slot[row]` is where row `row` is stored, or -1 while it is untouched; `touched[0 ..< *touched_count]`
/// are the touched rows in first-touch order. With `by_row`, row `r`'s gradient is at `values + r·width`,
/// else the `n`th touched row's is at `values + n·width` (lazy Adam's compact layout). A bias table's
/// view and its vector table's share `slot`, `touched` and `touched_count` (TouchedRows.swift), so the
/// second of a row's two touches finds its slot already set, in cache.
typedef struct {
    float *values;
    int32_t *slot;
    int32_t *touched;
    long *touched_count;
    long width;
    long by_row;
} mfae_gradient_rows;

/// The first float of `row`'s gradient, marking the row as touched (GradientTable.touch in C).
static inline float *mfae_touch(const mfae_gradient_rows *gradient, long row) {
    int32_t index = gradient->slot[row];
    if (index < 0) {
        index = (int32_t)*gradient->touched_count;
        gradient->slot[row] = index;
        gradient->touched[index] = (int32_t)row;
        *gradient->touched_count = index + 1;
    }
    return gradient->values + (gradient->by_row ? row : index) * gradient->width;
}

/// Asks the CPU to start loading the `bytes` bytes at `start` into its caches (one hint per 64-byte
/// line); no effect on results. O(bytes / 64).
static inline void mfae_prefetch_bytes(const void *start, long bytes) {
    for (long offset = 0; offset < bytes; offset += 64) __builtin_prefetch((const char *)start + offset);
}

/// Which of `members` team members owns row `row` of a table `width` floats wide (RowShare.swift): a
/// multiplicative (Fibonacci) hash of the 64-byte line the row starts in.
static inline long mfae_row_owner(long row, long width, long members) {
    const uint32_t line = (uint32_t)(row * width / 16);
    const uint64_t hash = (uint32_t)(line * 0x9E3779B9u);
    return (long)((hash * (uint64_t)members) >> 32);
}

/// The encoder's selection of one user's code rows (UserEncoder.select). For each of the `count` input
/// codes, draws the mask from the SplitMix64 state `*mask_state` (SplitMix64.swift: the rating is kept
/// when the next draw's top 24 bits, as a float in [0, 1), are ≥ `drop_fraction`; every rating is kept
/// when `mask_state` is NULL). Kept codes that member `member` of `members` owns (all when `members` is 1)
/// are written to `selected` (room for `count`), and their vector (width k) and bias lines are prefetched.
/// Sets `*selected_count` and returns the number of ratings the mask kept, owned or not. O(count).
long mfae_select_codes(const int32_t *codes, long count, uint64_t *mask_state, float drop_fraction, long member,
                       long members, const float *vectors, const float *bias, long k, int32_t *selected,
                       long *selected_count);

/// What ``mfae_decode_ratings`` returns: sums over the ratings it decoded.
typedef struct {
    double squared_errors;  ///< Σ e²
    double penalty;         ///< Σ per_use_l2·|t_i|² (0 without per-example L2)
    float bias_gradient;    ///< Σ g: the user bias's gradient from these ratings
} mfae_decode_sums;

/// The decoder's forward and backward pass over `count` ratings of one user (RatingDecoder.swift):
/// for rating n of item i = items[n] with value ratings[n],
///   e = (base + c_i + v·t_i) − ratings[n];   g = 2e·loss_scale
///   ∂c_i += g;  ∂t_i += g·v (+ 2·per_use_l2·t_i when per_use_l2 > 0);  ∂v += g·t_i
/// where `base` is the decoder offset plus the user's bias, v = user_vector and t_i the item's row of
/// `item_vectors` (width k). ∂v is added into `user_vector_gradient`; c_i's and t_i's gradients go to the
/// touched rows of `bias_gradient` and `vector_gradient`. Item rows a few ratings ahead are prefetched.
/// Takes the AVX2+FMA build when the CPU has it. Complexity O(count × k).
mfae_decode_sums mfae_decode_ratings(const int32_t *items, const float *ratings, long count,
                                     const float *item_bias, const float *item_vectors, long k, float base,
                                     const float *user_vector, float loss_scale, float per_use_l2,
                                     const mfae_gradient_rows *bias_gradient,
                                     const mfae_gradient_rows *vector_gradient, float *user_vector_gradient);

/// The encoder's pooling (UserEncoder.forward): vector = weight·Σ_n vectors[rows[n]], and returns
/// weight·Σ_n bias[rows[n]]; `vectors` has width k. Complexity O(count × k).
float mfae_pool_rows(const float *bias, const float *vectors, long k, const int32_t *rows, long count, float weight,
                     float *vector);

/// The encoder's scatter (UserEncoder.backward): for each row r = rows[n],
///   ∂B[r] += weight·bias_gradient;  ∂Q[r] += weight·vector_gradient (+ 2·use_l2·Q[r] when use_l2 > 0)
/// and returns Σ use_l2·|Q[r]|². Complexity O(count × k).
double mfae_scatter_rows(const int32_t *rows, long count, float weight, float bias_gradient,
                         const float *vector_gradient, const float *vectors, long k, float use_l2,
                         const mfae_gradient_rows *bias_rows, const mfae_gradient_rows *vector_rows);

/// The two builds of the kernels above, for tests that check each against a reference (the `_avx2`
/// ones run the portable code where the CPU lacks AVX2+FMA).
mfae_decode_sums mfae_decode_ratings_portable(const int32_t *items, const float *ratings, long count,
                                              const float *item_bias, const float *item_vectors, long k, float base,
                                              const float *user_vector, float loss_scale, float per_use_l2,
                                              const mfae_gradient_rows *bias_gradient,
                                              const mfae_gradient_rows *vector_gradient, float *user_vector_gradient);
mfae_decode_sums mfae_decode_ratings_avx2(const int32_t *items, const float *ratings, long count,
                                          const float *item_bias, const float *item_vectors, long k, float base,
                                          const float *user_vector, float loss_scale, float per_use_l2,
                                          const mfae_gradient_rows *bias_gradient,
                                          const mfae_gradient_rows *vector_gradient, float *user_vector_gradient);
float mfae_pool_rows_portable(const float *bias, const float *vectors, long k, const int32_t *rows, long count,
                              float weight, float *vector);
float mfae_pool_rows_avx2(const float *bias, const float *vectors, long k, const int32_t *rows, long count,
                          float weight, float *vector);
double mfae_scatter_rows_portable(const int32_t *rows, long count, float weight, float bias_gradient,
                                  const float *vector_gradient, const float *vectors, long k, float use_l2,
                                  const mfae_gradient_rows *bias_rows, const mfae_gradient_rows *vector_rows);
double mfae_scatter_rows_avx2(const int32_t *rows, long count, float weight, float bias_gradient,
                              const float *vector_gradient, const float *vectors, long k, float use_l2,
                              const mfae_gradient_rows *bias_rows, const mfae_gradient_rows *vector_rows);

#endif
