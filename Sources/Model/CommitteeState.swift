/// The order parameters of a two-layer network (docs/model.md §9): Q_kl = w_k·w_l/N,
/// R_km = w_k·w*_m/N (T = I), and per student unit v_k, γ_k, β_k. Matrices are row-major.
public struct CommitteeState: Sendable, Hashable {
    public let studentUnits: Int
    public let teacherUnits: Int
    public var Q: [Double]
    public var R: [Double]
    public var v: [Double]
    public var gamma: [Double]
    public var beta: [Double]

    public init(studentUnits K: Int, teacherUnits KStar: Int) {
        studentUnits = K; teacherUnits = KStar
        Q = Array(repeating: 0, count: K * K); R = Array(repeating: 0, count: K * KStar)
        v = Array(repeating: 1, count: K); gamma = Array(repeating: 1, count: K); beta = Array(repeating: 0, count: K)
    }

    @inlinable public func Q(_ k: Int, _ l: Int) -> Double { Q[k * studentUnits + l] }
    @inlinable public func R(_ k: Int, _ m: Int) -> Double { R[k * teacherUnits + m] }
    public mutating func setQ(_ k: Int, _ l: Int, _ x: Double) { Q[k * studentUnits + l] = x; Q[l * studentUnits + k] = x }
    public mutating func setR(_ k: Int, _ m: Int, _ x: Double) { R[k * teacherUnits + m] = x }

    /// The state as one vector (Q's upper triangle, R, v, γ, β) for the ODE solver.
    public var packed: [Double] {
        var y: [Double] = []
        y.reserveCapacity(Self.packedCount(studentUnits, teacherUnits))
        for k in 0..<studentUnits { for l in k..<studentUnits { y.append(Q(k, l)) } }
        return y + R + v + gamma + beta
    }

    public static func packedCount(_ K: Int, _ KStar: Int) -> Int { K * (K + 1) / 2 + K * KStar + 3 * K }

    public init(packed y: UnsafeBufferPointer<Double>, studentUnits K: Int, teacherUnits KStar: Int) {
        self.init(studentUnits: K, teacherUnits: KStar)
        var i = 0
        for k in 0..<K { for l in k..<K { setQ(k, l, y[i]); i += 1 } }
        for j in 0..<(K * KStar) { R[j] = y[i]; i += 1 }
        for k in 0..<K { v[k] = y[i]; gamma[k] = y[i + K]; beta[k] = y[i + 2 * K]; i += 1 }
    }

    public var isFinite: Bool { (Q + R + v + gamma + beta).allSatisfy(\.isFinite) }
    public var largestSelfOverlap: Double { (0..<studentUnits).map { Q($0, $0) }.max() ?? 0 }
    public var smallestSelfOverlap: Double { (0..<studentUnits).map { Q($0, $0) }.min() ?? 0 }

    /// Specialization of unit k: the largest normalized overlap |R_km|/√Q_kk over teacher units.
    public func specialization(_ k: Int) -> Double {
        let q = Q(k, k).squareRoot()
        return (0..<teacherUnits).map { abs(R(k, $0)) / q }.max() ?? 0
    }

    /// The teacher unit unit k overlaps most.
    public func bestTeacherUnit(_ k: Int) -> Int {
        (0..<teacherUnits).max { abs(R(k, $0)) < abs(R(k, $1)) } ?? 0
    }
}
