#include "CKernels.h"

void mfae_adam_update(float *restrict w, float *restrict m, float *restrict v, const float *restrict g,
                      long count, float beta1, float beta2, float step_size,
                      float inverse_root_correction2, float epsilon, float decay) {
    const float one_minus_beta1 = 1.0f - beta1, one_minus_beta2 = 1.0f - beta2;
    for (long i = 0; i < count; i++) {
        const float gradient = g[i] + decay * w[i];
        const float first = beta1 * m[i] + one_minus_beta1 * gradient;
        const float second = beta2 * v[i] + one_minus_beta2 * gradient * gradient;
        w[i] -= step_size * first / (__builtin_sqrtf(second) * inverse_root_correction2 + epsilon);
        m[i] = first;
        v[i] = second;
    }
}
