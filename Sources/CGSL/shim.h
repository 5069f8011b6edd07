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

#endif
