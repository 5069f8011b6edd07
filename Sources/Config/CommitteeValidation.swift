import Model

/// The rules of the two-layer keys (docs/model.md §9): unit counts, second-layer weights and the
/// explicit initial overlap matrices, whose shapes follow K and K*.
enum CommitteeValidation {
    static let maximumUnits = 256

    static func problems(in c: ExperimentConfig) -> [ValueProblem] {
        var found: [ValueProblem] = []
        func problem(_ keyPath: String, _ requirement: String) {
            guard let leaf = ConfigSchema.leaf(keyPath) else { return }
            found.append(ValueProblem(path: .keys(keyPath), value: leaf.text(c), requirement: requirement))
        }
        let K = c.model.studentUnits, KStar = c.model.teacherUnits
        let unitsOK = (1...maximumUnits).contains(K) && (1...maximumUnits).contains(KStar)
        if !(1...maximumUnits).contains(KStar) { problem("model.teacher_units", "must be an integer from 1 to \(maximumUnits)") }
        if !(1...maximumUnits).contains(K) { problem("model.student_units", "must be an integer from 1 to \(maximumUnits)") }
        if KStar > c.model.inputDimension, c.model.inputDimension >= 1 {
            problem("model.teacher_units", "must be ≤ model.N = \(c.model.inputDimension), since the teacher's units are orthonormalized")
        }
        let vStar = c.model.teacherSecondLayer
        if unitsOK, !vStar.isEmpty, vStar.count != KStar {
            problem("model.teacher_second_layer", "must be empty (all 1) or list model.teacher_units = \(KStar) numbers, one per teacher unit")
        }
        for (i, x) in vStar.enumerated() where !x.isFinite {
            found.append(ValueProblem(path: .keys("model.teacher_second_layer") + [.index(i)], value: x.description, requirement: "must be finite"))
        }
        let layer = c.training.secondLayer
        if !(layer.learningRateScale >= 0 && layer.learningRateScale.isFinite) {
            problem("training.second_layer.learning_rate_scale", "must be ≥ 0 and finite")
        }
        if !layer.initial.isFinite { problem("training.second_layer.init", "must be finite") }

        guard unitsOK else { return found }
        let Q = c.training.initial.QMatrix, R = c.training.initial.RMatrix
        if !Q.isEmpty {
            if Q.count != K || Q.contains(where: { $0.count != K }) {
                problem("training.init.Q_matrix", "must be a \(K)×\(K) matrix (model.student_units rows of model.student_units numbers)")
            } else if Q.joined().contains(where: { !$0.isFinite }) {
                problem("training.init.Q_matrix", "must hold finite numbers")
            } else if !SymmetricMatrix.isSymmetric(Q) {
                problem("training.init.Q_matrix", "must be symmetric, since Q_kl = w_k·w_l/N")
            } else if SymmetricMatrix.cholesky(Q) == nil {
                problem("training.init.Q_matrix", "must be positive definite, since it is the Gram matrix of K weight vectors")
            }
        }
        if !R.isEmpty {
            if Q.isEmpty {
                problem("training.init.R_matrix", "needs training.init.Q_matrix too (the overlaps R fix the student only together with Q)")
            } else if R.count != K || R.contains(where: { $0.count != KStar }) {
                problem("training.init.R_matrix", "must be a \(K)×\(KStar) matrix (model.student_units rows of model.teacher_units numbers)")
            } else if R.joined().contains(where: { !$0.isFinite }) {
                problem("training.init.R_matrix", "must hold finite numbers")
            } else if Q.count == K, !Q.contains(where: { $0.count != K }), SymmetricMatrix.cholesky(Q) != nil {
                // Realizable: w_k = Σ_m R_km w*_m + a part orthogonal to the teacher with Gram Q − R·Rᵀ.
                let rest = (0..<K).map { k in (0..<K).map { l in Q[k][l] - (0..<KStar).reduce(0) { $0 + R[k][$1] * R[l][$1] } } }
                if !SymmetricMatrix.isPositiveSemidefinite(rest) {
                    problem("training.init.R_matrix", "must satisfy Q − R·Rᵀ ⪰ 0 (the teacher's units are orthonormal, T = I), or no weights have these overlaps")
                }
            }
        }
        return found
    }
}

/// The routing rule of docs/model.md §9: the single-unit engines run exactly the K = K* = 1, v = v* = 1
/// model; anything else is a two-layer network.
public struct CommitteeShape: Sendable, Equatable {
    public let studentUnits: Int
    public let teacherUnits: Int
    public let isCommittee: Bool

    public init(_ c: ExperimentConfig) {
        studentUnits = c.model.studentUnits; teacherUnits = c.model.teacherUnits
        let layer = c.training.secondLayer
        isCommittee = studentUnits != 1 || teacherUnits != 1
            || c.model.teacherSecondLayer.contains { $0 != 1 }
            || layer.learn || layer.initial != 1
            || !c.training.initial.QMatrix.isEmpty || !c.training.initial.RMatrix.isEmpty
    }
}
