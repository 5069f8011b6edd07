/// The teacher of the finite-training-set study `bnsim convex` (docs/model.md §11).
public enum TeacherNetwork: String, Codable, CaseIterable, Sendable {
    /// y = relu(w*·x/√N) with |w*|² = N, the teacher of §1.
    case relu
    /// y = relu(w₁·x/√N) − relu(w₂·x/√N) with |w₁|² = |w₂|² = N.
    case twoLayer = "two-layer"
}
