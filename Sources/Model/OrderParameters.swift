/// The macroscopic state of the student (docs/model.md §4): Q = w·w/N, R = w·w*/N, γ and β.
/// The teacher norm T = w*·w*/N is 1 by construction.
public struct OrderParameters: Sendable, Hashable {
    public var Q: Double
    public var R: Double
    public var gamma: Double
    public var beta: Double

    public init(Q: Double, R: Double, gamma: Double = 1, beta: Double = 0) {
        self.Q = Q; self.R = R; self.gamma = gamma; self.beta = beta
    }

    /// Normalized overlap r = R/√Q, the cosine between student and teacher.
    public var r: Double { R / Q.squareRoot() }

    public var isFinite: Bool { Q.isFinite && R.isFinite && gamma.isFinite && beta.isFinite }
}

/// The student's pre-activation a = scale·u + bias, written through the standardized field
/// u (unit variance) whose correlation with the teacher field h* is `overlap` (= r).
/// sgd: scale √Q; wn and bn at inference: scale γ, bias β.
public struct Readout: Sendable, Hashable {
    public var overlap: Double
    public var scale: Double
    public var bias: Double

    public init(overlap: Double, scale: Double, bias: Double = 0) {
        self.overlap = overlap; self.scale = scale; self.bias = bias
    }
}
