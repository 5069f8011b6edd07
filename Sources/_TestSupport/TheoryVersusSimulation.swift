import Model

// `AgreementRule`, the rule every theory-vs-simulation test uses, is in Model (AgreementRule.swift):
// the same definition decides PASS/FAIL in `bnsim run` and `bnsim compare`.
@_exported import struct Model.AgreementRule

/// Mean and standard error of a sample.
public func meanAndStandardError(_ xs: [Double]) -> (mean: Double, standardError: Double) {
    let n = Double(xs.count)
    let mean = xs.reduce(0, +) / n
    let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, xs.count > 1 ? (ss / (n - 1) / n).squareRoot() : .nan)
}
