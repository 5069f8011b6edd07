public import Model

/// A data file's samples as training and test sets (docs/model.md §12): the two classes of a
/// binary task kept and labelled ±1, at most `maxSamples` rows, a held-out fraction split off
/// by a seeded shuffle, and the inputs standardized with the training split's statistics.
public struct DataSetRecipe: Sendable, Equatable {
    public var task: DataTask
    /// The binary task's classes: the first becomes +1, the second −1.
    public var classes: [Int]
    public var standardize: Bool
    public var testFraction: Double
    /// At most this many samples (after class selection) are used; 0: all.
    public var maxSamples: Int
    /// Seeds the shuffle that picks the split (the same for every replica of a config).
    public var seed: UInt64

    public init(task: DataTask, classes: [Int], standardize: Bool, testFraction: Double, maxSamples: Int, seed: UInt64) {
        self.task = task; self.classes = classes; self.standardize = standardize
        self.testFraction = testFraction; self.maxSamples = maxSamples; self.seed = seed
    }
}

public enum DataSetBuilder {
    /// The training and test sets of `inputs` (and `labels`, one per row) for dimension N.
    /// `name` is the file errors are reported against.
    public static func build(inputs: DataMatrix, labels: [Double]?, recipe: DataSetRecipe, inputDimension N: Int,
                             name: String) throws(DataFileError) -> (train: SampleSet, test: SampleSet) {
        func fail(_ problem: String) -> DataFileError { DataFileError(file: name, problem: problem) }
        guard inputs.columns == N else {
            throw fail("has \(inputs.columns) values per sample, but model.N is \(N); set model.N: \(inputs.columns)")
        }
        if let labels, labels.count != inputs.rows {
            throw fail("has \(inputs.rows) samples but \(labels.count) labels")
        }
        for (k, x) in inputs.values.enumerated() where !x.isFinite {
            throw fail("sample \(k / N + 1), value \(k % N + 1) is \(x), not a finite number")
        }
        var rows = Array(0..<inputs.rows)
        var targets: [Double]? = nil
        if recipe.task == .binary {
            guard let labels else { throw fail("data.task binary needs labels (data.labels_path or data.label_column)") }
            let (a, b) = (Double(recipe.classes[0]), Double(recipe.classes[1]))
            rows = rows.filter { labels[$0] == a || labels[$0] == b }
            guard rows.contains(where: { labels[$0] == a }), rows.contains(where: { labels[$0] == b }) else {
                throw fail("the labels do not hold both classes \(recipe.classes[0]) and \(recipe.classes[1]) of data.classes")
            }
            targets = labels.map { $0 == a ? 1 : -1 }
        }
        var stream = SplitMix64(state: recipe.seed)
        for i in stride(from: rows.count - 1, to: 0, by: -1) {  // Fisher–Yates
            rows.swapAt(i, Int(stream.next() % UInt64(i + 1)))
        }
        if recipe.maxSamples > 0 && rows.count > recipe.maxSamples { rows = Array(rows.prefix(recipe.maxSamples)) }
        let testCount = Int((recipe.testFraction * Double(rows.count)).rounded())
        guard rows.count - testCount >= 2, testCount >= (recipe.testFraction > 0 ? 1 : 0) else {
            throw fail("\(rows.count) usable samples leave too few for training and the held-out split (data.test_fraction \(recipe.testFraction))")
        }
        let trainRows = Array(rows.dropFirst(testCount)), testRows = Array(rows.prefix(testCount))
        var (shift, scale) = ([Double](repeating: 0, count: N), [Double](repeating: 1, count: N))
        if recipe.standardize { (shift, scale) = standardization(inputs, rows: trainRows) }
        func set(_ picked: [Int]) -> SampleSet {
            var values: [Double] = []
            values.reserveCapacity(picked.count * N)
            for i in picked { for j in 0..<N { values.append((inputs.values[i * N + j] - shift[j]) * scale[j]) } }
            return SampleSet(count: picked.count, dimension: N, inputs: values, labels: targets.map { t in picked.map { t[$0] } })
        }
        return (set(trainRows), set(testRows))
    }

    /// Per feature j: x_j ↦ (x_j − mean_j)·c/sd_j over `rows`, with c chosen so that |x|²/N averages 1
    /// (c² = N / number of non-constant features); a constant feature becomes 0.
    static func standardization(_ m: DataMatrix, rows: [Int]) -> (shift: [Double], scale: [Double]) {
        let N = m.columns, count = Double(rows.count)
        var mean = [Double](repeating: 0, count: N), variance = [Double](repeating: 0, count: N)
        for i in rows { for j in 0..<N { mean[j] += m.values[i * N + j] } }
        for j in 0..<N { mean[j] /= count }
        for i in rows { for j in 0..<N { let d = m.values[i * N + j] - mean[j]; variance[j] += d * d } }
        let varying = variance.filter { $0 > 0 }.count
        let c = varying > 0 ? (Double(N) / Double(varying)).squareRoot() : 1
        let scale = variance.map { $0 > 0 ? c / ($0 / count).squareRoot() : 0 }
        return (mean, scale)
    }
}
