#ifndef BNSIM_CGSL_SHIM_H
#define BNSIM_CGSL_SHIM_H
// Only the GSL headers bnsim uses, plus accessors for GSL's global descriptors:
// Swift 6 rejects reading mutable C globals, so each is returned by a static inline function.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_multiroots.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_complex.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>

static inline const gsl_odeiv2_step_type *bnsim_step_rk8pd(void) { return gsl_odeiv2_step_rk8pd; }
static inline const gsl_odeiv2_step_type *bnsim_step_rkf45(void) { return gsl_odeiv2_step_rkf45; }
static inline const gsl_odeiv2_step_type *bnsim_step_rkck(void) { return gsl_odeiv2_step_rkck; }
static inline const gsl_odeiv2_step_type *bnsim_step_msadams(void) { return gsl_odeiv2_step_msadams; }

static inline const gsl_integration_fixed_type *bnsim_fixed_jacobi(void) { return gsl_integration_fixed_jacobi; }
static inline const gsl_integration_fixed_type *bnsim_fixed_laguerre(void) { return gsl_integration_fixed_laguerre; }

static inline const gsl_multiroot_fsolver_type *bnsim_multiroot_hybrids(void) { return gsl_multiroot_fsolver_hybrids; }

/// Eigenvalues of the n×n row-major matrix a (overwritten) into re[n], im[n]; returns a GSL status.
/// Kept in C because gsl_vector_complex's element layout is awkward to read from Swift.
static inline int bnsim_eigen_nonsymm(double *a, size_t n, double *re, double *im) {
    gsl_matrix_view m = gsl_matrix_view_array(a, n, n);
    gsl_vector_complex *eval = gsl_vector_complex_alloc(n);
    gsl_eigen_nonsymm_workspace *w = gsl_eigen_nonsymm_alloc(n);
    int status = gsl_eigen_nonsymm(&m.matrix, eval, w);
    for (size_t i = 0; i < n; i++) {
        gsl_complex z = gsl_vector_complex_get(eval, i);
        re[i] = GSL_REAL(z);
        im[i] = GSL_IMAG(z);
    }
    gsl_eigen_nonsymm_free(w);
    gsl_vector_complex_free(eval);
    return status;
}

/// Thin SVD of the m×n row-major matrix a (m ≥ n): a is overwritten by U (m×n), v gets V (n×n,
/// row-major), s the n singular values in decreasing order; returns a GSL status.
static inline int bnsim_svd(double *a, size_t m, size_t n, double *v, double *s) {
    gsl_matrix_view A = gsl_matrix_view_array(a, m, n);
    gsl_matrix_view V = gsl_matrix_view_array(v, n, n);
    gsl_vector_view S = gsl_vector_view_array(s, n);
    gsl_vector *work = gsl_vector_alloc(n);
    int status = gsl_linalg_SV_decomp(&A.matrix, &V.matrix, &S.vector, work);
    gsl_vector_free(work);
    return status;
}

/// c = a·b for row-major a (m×k), b (k×n), c (m×n), by GSL's BLAS dgemm; returns a GSL status.
static inline int bnsim_dgemm(const double *a, const double *b, double *c, size_t m, size_t k, size_t n) {
    gsl_matrix_const_view A = gsl_matrix_const_view_array(a, m, k);
    gsl_matrix_const_view B = gsl_matrix_const_view_array(b, k, n);
    gsl_matrix_view C = gsl_matrix_view_array(c, m, n);
    return gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &A.matrix, &B.matrix, 0.0, &C.matrix);
}

#endif
