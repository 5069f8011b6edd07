#ifndef BNSIM_CGSL_SHIM_H
#define BNSIM_CGSL_SHIM_H
// Only the GSL headers bnsim uses, plus accessors for GSL's global descriptors:
// Swift 6 rejects reading mutable C globals, so each is returned by a static inline function.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_erf.h>

static inline const gsl_odeiv2_step_type *bnsim_step_rk8pd(void) { return gsl_odeiv2_step_rk8pd; }
static inline const gsl_odeiv2_step_type *bnsim_step_rkf45(void) { return gsl_odeiv2_step_rkf45; }
static inline const gsl_odeiv2_step_type *bnsim_step_rkck(void) { return gsl_odeiv2_step_rkck; }
static inline const gsl_odeiv2_step_type *bnsim_step_msadams(void) { return gsl_odeiv2_step_msadams; }

static inline const gsl_integration_fixed_type *bnsim_fixed_jacobi(void) { return gsl_integration_fixed_jacobi; }
static inline const gsl_integration_fixed_type *bnsim_fixed_laguerre(void) { return gsl_integration_fixed_laguerre; }

#endif
