/// The version of the numbers bnsim computes: the theory's integrators and the simulation's
/// generator and kernels. Stored points and sweep records carry it, and a resume refuses points
/// of another numerics version unless `--force`, because the bnsim version string alone does
/// not change when the code that makes the numbers does — and a sweep silently combining points
/// of two builds would mix two sets of numbers in one table.
///
/// `numericsFingerprint` is FNV-1a 64 of the theory, simulation and overlap tables of a short seeded
/// sweep (every method, activation and engine, the data models, a two-layer network and a finite
/// training set; ExperimentTests/NumericsVersionTests). If that test fails because you
/// changed the numbers on purpose, bump `numericsVersion` and update the fingerprint.
public let numericsVersion = 1
public let numericsFingerprint = "66d32fca06196f8e"
