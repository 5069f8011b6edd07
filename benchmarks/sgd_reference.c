/*
 * bnsim's C reference for the Monte Carlo hot loop: online SGD of a ReLU student on a ReLU
 * teacher (docs/model.md §1–3, M = 1, β = 0, no noise, no weight decay), written as a tight C loop with
 * the same work per step as bnsim's `sgd` kernel:
 *
 *   draw x ~ N(0, I_N); h* = w*·x/√N; h = w·x/√N;
 *   δ = (relu(h*) − relu(h))·relu'(h);  w ← w + (η/√N)·δ·x.
 *
 * The normals come from the same generator bnsim uses (docs/normal-generator.md): eight
 * xoshiro256+ lanes filled into a buffer, then a vectorized Box–Muller transform with
 * polynomial log, sin and cos, fused with the two dot products. GCC/Clang vector extensions;
 * build with   cc -O3 -march=native -fno-math-errno -o sgd_reference sgd_reference.c -lm
 *
 * Usage: sgd_reference N STEPS [ETA [SEED [K [ACTIVATION]]]]
 * Prints one line: n=… steps=… cpu_seconds=… steps_per_second=… Q=… R=…
 *
 * With K > 1 it is the same loop generalized to a two-layer network (docs/model.md §9): a soft
 * committee machine with K teacher and K student units, second layers 1, ACTIVATION relu or erf
 * (g(z) = erf(z/√2), the convention of Saad & Solla and of sgoldt/nn2pp). Per step it draws x,
 * takes the 2K dot products (8-lane FMA loops, as bnsim's two-layer engine does), and updates
 * every student unit: w_k ← w_k + (η/√N)·(Σ_m g(h*_m) − Σ_l g(h_l))·g'(h_k)·x. Q and R are then
 * unit averages.
 * The time is the CPU time of this thread (CLOCK_THREAD_CPUTIME_ID) over the STEPS steps only
 * (initialization and a short warm-up excluded), so a busy machine does not skew it.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef uint64_t u8 __attribute__((vector_size(64)));
typedef int64_t i8 __attribute__((vector_size(64)));
typedef double d8 __attribute__((vector_size(64)));
#define D(x) ((d8){x, x, x, x, x, x, x, x})
#define U(x) ((u8){x, x, x, x, x, x, x, x})
#define BLOCK 16 /* normals per transform: 8 lanes × (cos, sin) */

/* ---- xoshiro256+, eight independent lanes ------------------------------------------------- */
typedef struct { u8 s0, s1, s2, s3; } lanes;

static inline u8 rotl(u8 x, int k) { return (x << k) | (x >> (64 - k)); }

static inline u8 next_bits(lanes *s) {
    u8 r = s->s0 + s->s3;
    u8 t = s->s1 << 17;
    s->s2 ^= s->s0; s->s3 ^= s->s1; s->s1 ^= s->s2; s->s0 ^= s->s3;
    s->s2 ^= t;
    s->s3 = rotl(s->s3, 45);
    return r;
}

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void seed_lanes(lanes *s, uint64_t seed) {
    for (int l = 0; l < 8; l++) {
        s->s0[l] = splitmix64(&seed); s->s1[l] = splitmix64(&seed);
        s->s2[l] = splitmix64(&seed); s->s3[l] = splitmix64(&seed);
    }
}

/* ---- Box–Muller: (a, b) uniform bits → 16 standard normals --------------------------------- */
/* −ln u for u ∈ (0, 1]: u = 2^k·m, m ∈ [√½, √2), ln m = 2 atanh(s), s = (m − 1)/(m + 1). */
static inline d8 neg_log(d8 u) {
    u8 ix = (u8)u;
    u8 tmp = ix - U(0x3FE6A09E667F3BCDull);
    d8 m = (d8)(ix - (tmp & U(0xFFF0000000000000ull)));
    d8 k = (d8)((u8)((i8)tmp >> 52) + U(0x4338000000000000ull)) - D(0x1.8p52);
    d8 f = m - 1, s = f / (f + 2), z = s * s;
    d8 p = z * D(-1.479819860511658591e-01) + D(-1.531383769920937332e-01);
    p = z * p + D(-1.818357216161805012e-01);
    p = z * p + D(-2.222219843214978396e-01);
    p = z * p + D(-2.857142874366239149e-01);
    p = z * p + D(-3.999999999940941908e-01);
    p = z * p + D(-6.666666666666735130e-01);
    p = z * p + D(-2.0);
    return k * D(-6.93147180559945309417e-01) + s * p;
}

static inline void box_muller(u8 a, u8 b, d8 *z0, d8 *z1) {
    const u8 one = U(0x3FF0000000000000ull), sign = U(0x8000000000000000ull);
    d8 nl = neg_log(D(2) - (d8)((a >> 12) | one)), rho;
    for (int l = 0; l < 8; l++) rho[l] = sqrt(nl[l]); /* ρ = √(−ln u) = R/√2 */
    /* angle θ = (π/2)(q + v): q = top two bits of b, y = v − ½ ∈ [−½, ½) from the next 52 */
    d8 y = (d8)(((b << 2) >> 12) | one) - D(1.5), y2 = y * y;
    d8 sp = y2 * D(5.634704113884751e-08) + D(-3.598649570240692e-06);
    sp = y2 * sp + D(0.00016044115266738095);
    sp = y2 * sp + D(-0.0046817541326259334);
    sp = y2 * sp + D(0.07969262624606334);
    sp = y2 * sp + D(-0.645964097506245);
    sp = y2 * sp + D(1.5707963267948966);
    d8 S = y * sp; /* sin((π/2)y) */
    d8 cp = y2 * D(-6.32474667886607e-09) + D(4.710641505803502e-07);
    cp = y2 * cp + D(-2.520203791691774e-05);
    cp = y2 * cp + D(0.0009192602743905533);
    cp = y2 * cp + D(-0.02086348076333076);
    cp = y2 * cp + D(0.25366950790104764);
    cp = y2 * cp + D(-1.2337005501361697);
    d8 C = y2 * cp + D(1.0); /* cos((π/2)y) */
    /* √2·(cos θ, sin θ) = quarter-turn q of (C − S, C + S) */
    u8 A = (u8)(C - S), B = (u8)(C + S);
    u8 swap = (u8)((i8)(b << 1) >> 63);
    u8 first = (A & ~swap) | (B & swap), second = (B & ~swap) | (A & swap);
    *z0 = rho * (d8)(first ^ (((b << 1) ^ b) & sign));
    *z1 = rho * (d8)(second ^ (b & sign));
}

/* ---- the SGD loop ------------------------------------------------------------------------- */
typedef struct {
    int n, padded;
    double *teacher, *student, *x;
    u8 *bits;
    lanes rng;
} sgd_state;

static void *aligned(size_t doubles) {
    void *p = aligned_alloc(64, doubles * sizeof(double));
    if (!p) { perror("aligned_alloc"); exit(1); }
    memset(p, 0, doubles * sizeof(double));
    return p;
}

/* Fills st->x[0..n) with normals (pads zero) and returns w*·x and w·x. */
static inline void draw(sgd_state *st, double *dt, double *ds) {
    const int blocks = st->padded / BLOCK, n = st->n;
    u8 *restrict bits = st->bits;
    lanes rng = st->rng; /* a local copy: the stores to bits cannot alias it */
    for (int i = 0; i < 2 * blocks; i++) bits[i] = next_bits(&rng);
    st->rng = rng;
    d8 t0 = D(0), t1 = D(0), s0 = D(0), s1 = D(0);
    double *restrict x = st->x;
    const double *restrict teacher = st->teacher, *restrict student = st->student;
    for (int b = 0; b < blocks; b++) {
        int j = b * BLOCK;
        d8 z0, z1;
        box_muller(bits[2 * b], bits[2 * b + 1], &z0, &z1);
        *(d8 *)(x + j) = z0; *(d8 *)(x + j + 8) = z1;
        if (j + BLOCK > n) {
            for (int k = n; k < j + BLOCK; k++) x[k] = 0;
            z0 = *(d8 *)(x + j); z1 = *(d8 *)(x + j + 8);
        }
        t0 += *(const d8 *)(teacher + j) * z0; t1 += *(const d8 *)(teacher + j + 8) * z1;
        s0 += *(const d8 *)(student + j) * z0; s1 += *(const d8 *)(student + j + 8) * z1;
    }
    d8 t = t0 + t1, s = s0 + s1;
    double a = 0, c = 0;
    for (int l = 0; l < 8; l++) { a += t[l]; c += s[l]; }
    *dt = a; *ds = c;
}

static void train(sgd_state *st, long steps, double eta) {
    const double inv_sqrt_n = 1 / sqrt((double)st->n);
    for (long t = 0; t < steps; t++) {
        double dt, ds;
        draw(st, &dt, &ds);
        double hs = dt * inv_sqrt_n, h = ds * inv_sqrt_n;
        double delta = h > 0 ? (hs > 0 ? hs : 0) - h : 0;
        d8 c = D(eta * delta * inv_sqrt_n);
        double *restrict w = st->student;
        const double *restrict x = st->x;
        for (int j = 0; j < st->padded; j += 8) *(d8 *)(w + j) += c * *(const d8 *)(x + j);
    }
}

/* ---- the two-layer loop (K > 1) ------------------------------------------------------------ */
/* Fills st->x with normals only (pads zero); the dot products follow, one unit at a time. */
static inline void draw_only(sgd_state *st) {
    const int blocks = st->padded / BLOCK, n = st->n;
    u8 *restrict bits = st->bits;
    lanes rng = st->rng;
    for (int i = 0; i < 2 * blocks; i++) bits[i] = next_bits(&rng);
    st->rng = rng;
    double *restrict x = st->x;
    for (int b = 0; b < blocks; b++) {
        int j = b * BLOCK;
        d8 z0, z1;
        box_muller(bits[2 * b], bits[2 * b + 1], &z0, &z1);
        *(d8 *)(x + j) = z0; *(d8 *)(x + j + 8) = z1;
    }
    for (int k = n; k < st->padded; k++) x[k] = 0;
}

static inline double dot(const double *restrict a, const double *restrict b, int padded) {
    d8 s0 = D(0), s1 = D(0);
    for (int j = 0; j < padded; j += BLOCK) {
        s0 += *(const d8 *)(a + j) * *(const d8 *)(b + j);
        s1 += *(const d8 *)(a + j + 8) * *(const d8 *)(b + j + 8);
    }
    d8 s = s0 + s1;
    double r = 0;
    for (int l = 0; l < 8; l++) r += s[l];
    return r;
}

static inline double g_value(double z, int erf_activation) { return erf_activation ? erf(z * 0.7071067811865476) : (z > 0 ? z : 0); }
static inline double g_slope(double z, int erf_activation) { return erf_activation ? 0.7978845608028654 * exp(-0.5 * z * z) : (z > 0 ? 1 : 0); }

/* teachers and students: K rows of `padded` doubles each. */
static void train_committee(sgd_state *st, double *teachers, double *students, int K, int erf_activation, long steps, double eta) {
    const double inv_sqrt_n = 1 / sqrt((double)st->n);
    const int padded = st->padded;
    double hs[64], h[64];
    for (long t = 0; t < steps; t++) {
        draw_only(st);
        double error = 0;
        for (int m = 0; m < K; m++) { hs[m] = dot(teachers + (size_t)m * padded, st->x, padded) * inv_sqrt_n; error += g_value(hs[m], erf_activation); }
        for (int k = 0; k < K; k++) { h[k] = dot(students + (size_t)k * padded, st->x, padded) * inv_sqrt_n; error -= g_value(h[k], erf_activation); }
        const double *restrict x = st->x;
        for (int k = 0; k < K; k++) {
            d8 c = D(eta * error * g_slope(h[k], erf_activation) * inv_sqrt_n);
            double *restrict w = students + (size_t)k * padded;
            for (int j = 0; j < padded; j += 8) *(d8 *)(w + j) += c * *(const d8 *)(x + j);
        }
    }
}

static double thread_cpu_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s N STEPS [ETA [SEED]]\n", argv[0]); return 2; }
    sgd_state st;
    st.n = atoi(argv[1]);
    long steps = atol(argv[2]);
    double eta = argc > 3 ? atof(argv[3]) : 0.5;
    uint64_t seed = argc > 4 ? strtoull(argv[4], 0, 10) : 1;
    if (st.n < 1 || steps < 1) { fprintf(stderr, "N and STEPS must be positive\n"); return 2; }
    st.padded = (st.n + BLOCK - 1) / BLOCK * BLOCK;
    st.teacher = aligned(st.padded); st.student = aligned(st.padded); st.x = aligned(st.padded);
    st.bits = aligned(st.padded); /* 2 vectors of 8 draws per block of 16: as many words as normals */
    seed_lanes(&st.rng, seed);
    int K = argc > 5 ? atoi(argv[5]) : 1;
    int erf_activation = argc > 6 && strcmp(argv[6], "erf") == 0;
    if (K < 1 || K > 64 || (argc > 6 && !erf_activation && strcmp(argv[6], "relu") != 0)) {
        fprintf(stderr, "K must be 1 … 64 and ACTIVATION relu or erf\n"); return 2;
    }
    if (K > 1) {
        /* K teacher rows on the sphere |w*_m|² = N, K student rows with |w_k|² = N: Gaussian directions. */
        double *teachers = aligned((size_t)K * st.padded), *students = aligned((size_t)K * st.padded);
        for (int k = 0; k < 2 * K; k++) {
            double *row = k < K ? teachers + (size_t)k * st.padded : students + (size_t)(k - K) * st.padded;
            draw_only(&st);
            double norm2 = dot(st.x, st.x, st.padded);
            for (int j = 0; j < st.n; j++) row[j] = st.x[j] * sqrt(st.n / norm2);
        }
        train_committee(&st, teachers, students, K, erf_activation, steps / 20 + 1, eta);
        double t0 = thread_cpu_seconds();
        train_committee(&st, teachers, students, K, erf_activation, steps, eta);
        double seconds = thread_cpu_seconds() - t0, q = 0, r = 0, n = st.n;
        for (int k = 0; k < K; k++) {
            q += dot(students + (size_t)k * st.padded, students + (size_t)k * st.padded, st.padded) / n / K;
            for (int m = 0; m < K; m++) r += dot(students + (size_t)k * st.padded, teachers + (size_t)m * st.padded, st.padded) / n / (K * K);
        }
        printf("n=%d steps=%ld cpu_seconds=%.6f steps_per_second=%.1f Q=%.6f R=%.6f\n", st.n, steps, seconds, steps / seconds, q, r);
        return 0;
    }

    /* w* on the sphere |w*|² = N; w a random direction orthogonal to it with Q = 1 (r₀ = 0). */
    double dt, ds, n = st.n, tt = 0, vv = 0, vt = 0;
    draw(&st, &dt, &ds); memcpy(st.teacher, st.x, st.padded * sizeof(double));
    draw(&st, &dt, &ds); memcpy(st.student, st.x, st.padded * sizeof(double));
    for (int j = 0; j < st.n; j++) tt += st.teacher[j] * st.teacher[j];
    for (int j = 0; j < st.n; j++) st.teacher[j] *= sqrt(n / tt);
    for (int j = 0; j < st.n; j++) vt += st.student[j] * st.teacher[j];
    for (int j = 0; j < st.n; j++) st.student[j] -= vt / n * st.teacher[j];
    for (int j = 0; j < st.n; j++) vv += st.student[j] * st.student[j];
    for (int j = 0; j < st.n; j++) st.student[j] *= sqrt(n / vv);

    train(&st, steps / 20 + 1, eta); /* warm-up: caches, branch predictors, frequency */
    double t0 = thread_cpu_seconds();
    train(&st, steps, eta);
    double seconds = thread_cpu_seconds() - t0;
    double r = 0, norm2 = 0;
    for (int j = 0; j < st.n; j++) { r += st.student[j] * st.teacher[j]; norm2 += st.student[j] * st.student[j]; }
    printf("n=%d steps=%ld cpu_seconds=%.6f steps_per_second=%.1f Q=%.6f R=%.6f\n",
           st.n, steps, seconds, steps / seconds, norm2 / n, r / n);
    return 0;
}
