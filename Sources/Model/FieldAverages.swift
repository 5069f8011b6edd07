/// Gaussian averages over the teacher field h* and the student's standardized field u
/// (unit variances, correlation r) and the label noise ξ, for a readout a = s·u + b and
/// δ = (g(h*) + σξ − g(a))·g'(a). Every theory right-hand side and the generalization error
/// are built from these five numbers (docs/model.md §4–5).
public struct FieldAverages: Sendable, Hashable {
    /// E[δ·h*]
    public var deltaTeacher: Double
    /// E[δ·u]
    public var deltaStudent: Double
    /// E[δ]
    public var delta: Double
    /// E[δ²] (including the label-noise part σ²·E[g'(a)²])
    public var deltaSquared: Double
    /// ε_g = ½·E[(g(h*) − g(a))²], noise-free (docs/model.md §4)
    public var generalizationError: Double

    public init(deltaTeacher: Double, deltaStudent: Double, delta: Double, deltaSquared: Double, generalizationError: Double) {
        self.deltaTeacher = deltaTeacher; self.deltaStudent = deltaStudent; self.delta = delta
        self.deltaSquared = deltaSquared; self.generalizationError = generalizationError
    }
}
