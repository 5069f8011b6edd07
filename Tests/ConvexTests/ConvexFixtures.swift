import Convex
import GSL
import Model

/// Small seeded instances shared by the convex tests.
enum ConvexFixtures {
    static func instance(n: Int, p: Int, teacher: TeacherNetwork = .twoLayer, noise: Double = 0.1, seed: UInt64 = 7) -> TeacherStudentInstance {
        TeacherStudentInstance.draw(inputDimension: n, samples: p, teacher: teacher, noise: noise, testSamples: 200, seed: seed)
    }

    /// The whitened data and the program with every pattern.
    static func program(_ instance: TeacherStudentInstance, lambda: Double = 0.1) throws -> ConvexProgram {
        let data = try WhitenedData(inputs: instance.inputs)
        return ConvexProgram(data: data, labels: instance.labels, lambda: lambda, patterns: ArrangementPatterns.enumerate(data))
    }
}
