/// Which Monte Carlo engine simulates a run at finite N (`simulation.engine`).
///
/// - `full`: the N-dimensional simulation of docs/model.md §1–§3 and §8 (inputs, weights, dot products).
/// - `reduced`: the exact reduced-order chain of docs/model.md §10 on (R, S, γ, β) — for two-layer
///   networks on the units' coordinates in a (K + K*)-dimensional frame; the same law at every
///   finite N, at a cost per step that does not depend on N.
public enum SimulationEngine: String, CaseIterable, Sendable, Codable {
    case full
    case reduced

    /// Why the reduced chain does not apply to `setup`, or nil when it does (docs/model.md §10).
    ///
    /// The one place that decides it: config validation refuses `simulation.engine: reduced` with
    /// this reason before any work. The reduction needs inputs whose law is rotation-invariant
    /// (isotropic Gaussian, or a Gaussian scale mixture plus isotropic noise: every model of
    /// docs/model.md §1 and §8) and fresh samples at every step. Data models that break either —
    /// anisotropic covariances, non-Gaussian i.i.d. components, finite data sets reused over
    /// epochs — must answer here when they are added.
    /// Two-layer networks (docs/model.md §9) pass their unit counts: the frame is spanned by the
    /// K* teacher and K student units and must fit in N dimensions.
    public static func reducedProblem(for setup: TrainingSetup, studentUnits: Int = 1, teacherUnits: Int = 1) -> String? {
        switch setup.samples {
        case .fresh: break
        case .dataFile:
            return "does not apply to real data: it needs inputs with a rotation-invariant law, and a data file's rows are neither Gaussian nor fresh at every step (docs/model.md §12)"
        case .finiteGaussianSet:
            return "does not apply to a finite training set: it needs fresh samples at every step, and training.protocol offline reuses P samples over epochs (docs/model.md §12)"
        }
        if studentUnits == 1 && teacherUnits == 1 {
            if setup.inputDimension < 2 {
                return "needs model.N ≥ 2 (the reduced chain's frame is spanned by the teacher and the student)"
            }
        } else if setup.inputDimension < studentUnits + teacherUnits {
            return "needs model.N ≥ model.student_units + model.teacher_units = \(studentUnits + teacherUnits) (the reduced chain's frame is spanned by the teacher's and the student's units)"
        }
        return nil
    }
}
