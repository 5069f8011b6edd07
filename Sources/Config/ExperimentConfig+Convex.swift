public import Model

extension ExperimentConfig {
    /// `bnsim convex`: finite training sets of P = α·N samples (N = model.N, label noise
    /// model.teacher_noise), their global optimum by convex duality and full-batch GD at several
    /// widths (docs/model.md §11).
    public struct ConvexSection: Codable, Equatable, Sendable {
        /// λ, the weight decay on (γ, b, w).
        public var lambda: Double
        /// Samples per dimension; each gives P = round(α·N).
        public var alphas: [Double]
        /// Independent training sets per α.
        public var instances: Int
        public var teacher: TeacherNetwork
        /// GD's network widths m.
        public var widths: [Int]
        /// Seeded GD restarts per width.
        public var restarts: Int
        /// Full-batch Adam steps per restart.
        public var steps: Int
        /// Adam's initial step size (decays geometrically to 0.003 of it).
        public var learningRate: Double
        /// Above this many patterns (general-position count) the program samples this many gates.
        public var maxPatterns: Int

        public init(lambda: Double, alphas: [Double], instances: Int, teacher: TeacherNetwork, widths: [Int], restarts: Int,
                    steps: Int, learningRate: Double, maxPatterns: Int) {
            self.lambda = lambda; self.alphas = alphas; self.instances = instances; self.teacher = teacher; self.widths = widths
            self.restarts = restarts; self.steps = steps; self.learningRate = learningRate; self.maxPatterns = maxPatterns
        }

        public static let standard = ConvexSection(
            lambda: 0.1, alphas: [4], instances: 1, teacher: .relu, widths: [1, 2, 4, 8, 16], restarts: 8,
            steps: 10_000, learningRate: 0.03, maxPatterns: 100_000)

        enum CodingKeys: String, CodingKey, CaseIterable {
            case lambda, alphas, instances, teacher, widths, restarts, steps
            case learningRate = "learning_rate"
            case maxPatterns = "max_patterns"
        }
    }
}

extension ConfigValidation {
    /// The rules of the `convex` section (sizes that depend on model.N are checked by the command).
    static func convexProblems(in c: ExperimentConfig) -> [ValueProblem] {
        var found: [ValueProblem] = []
        let s = c.convex
        func require(_ ok: Bool, _ keyPath: String, _ requirement: String) {
            guard !ok, let leaf = ConfigSchema.leaf(keyPath) else { return }
            found.append(ValueProblem(path: .keys(keyPath), value: leaf.text(c), requirement: requirement))
        }
        func requireEach<T: CustomStringConvertible>(_ items: [T], _ keyPath: String, _ requirement: String, _ ok: (T) -> Bool) {
            require(!items.isEmpty, keyPath, "must list at least one value")
            for (index, item) in items.enumerated() where !ok(item) {
                found.append(ValueProblem(path: .keys(keyPath) + [.index(index)], value: item.description, requirement: requirement))
            }
        }
        require(s.lambda > 0 && s.lambda.isFinite, "convex.lambda", "must be > 0 and finite")
        requireEach(s.alphas, "convex.alphas", "must be > 0 and finite") { $0 > 0 && $0.isFinite }
        require((1...10_000).contains(s.instances), "convex.instances", "must be an integer from 1 to 10000")
        requireEach(s.widths, "convex.widths", "must be an integer from 1 to 4096") { (1...4096).contains($0) }
        require((1...100_000).contains(s.restarts), "convex.restarts", "must be an integer from 1 to 100000")
        require((1...100_000_000).contains(s.steps), "convex.steps", "must be an integer from 1 to 100000000")
        require(s.learningRate > 0 && s.learningRate.isFinite, "convex.learning_rate", "must be > 0 and finite")
        require((1...10_000_000).contains(s.maxPatterns), "convex.max_patterns", "must be an integer from 1 to 10000000")
        return found
    }
}
