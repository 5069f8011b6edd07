import Model

/// The columns of training on finite sets (docs/model.md §12, results/README.md): present only in
/// tables whose runs train on a data file or an offline set, so every other table is unchanged.
extension ResultTables {
    static let finiteSetColumns = ["train_loss", "train_loss_se", "train_class_error", "train_class_error_se",
                                   "test_class_error", "test_class_error_se", "teacher_field_sd", "teacher_field_sd_se",
                                   "field_overlap", "field_overlap_se"]

    static func hasFiniteSetColumns(_ results: [RunResult]) -> Bool {
        results.contains { $0.setup.samples != .fresh }
    }

    private static func series(_ record: ReplicaRecord) -> [[Double]] {
        [record.trainingLoss, record.trainingClassError, record.testClassError, record.teacherFieldSD, record.fieldOverlap]
    }

    /// Mean and standard error over the replicas that recorded point k, for each series.
    static func finiteSetAggregateCells(_ replicas: [ReplicaRecord], point k: Int) -> [String] {
        (0..<finiteSetColumns.count / 2).flatMap { s -> [String] in  // a mean and an s.e. column per series
            let values = replicas.compactMap { r -> Double? in let v = series(r)[s]; return k < v.count ? v[k] : nil }
            guard !values.isEmpty else { return ["", ""] }
            let n = Double(values.count), mean = values.reduce(0, +) / n
            let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : .nan
            return [csvNumber(mean), values.count > 1 ? csvNumber((variance / n).squareRoot()) : ""]
        }
    }

    static func finiteSetReplicaCells(_ record: ReplicaRecord, point k: Int) -> [String] {
        series(record).flatMap { v in [k < v.count ? csvNumber(v[k]) : "", ""] }
    }
}
