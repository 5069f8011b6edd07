/// The file formats bnsim reads data sets from (docs/model.md §12).
public enum DataFileFormat: String, CaseIterable, Codable, Sendable {
    /// IDX (the MNIST format): big-endian magic 0 0 type rank, rank big-endian UInt32 sizes, data.
    case idx
    /// Comma-separated numbers, one sample per line; an optional header line of non-numbers.
    case csv
    /// numpy's .npy (format versions 1–3), dtypes '<f8', '<f4', '|u1', C order.
    case npy

    /// The format a file name implies (a trailing `.gz` aside): `.idx` or MNIST's `-ubyte`
    /// names (`train-images-idx3-ubyte`), `.csv`, `.npy`; nil when the name says nothing.
    public init?(fileName: String) {
        var name = fileName.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".csv") { self = .csv }
        else if name.hasSuffix(".npy") { self = .npy }
        else if name.hasSuffix(".idx") || name.hasSuffix("-ubyte") || name.range(of: #"idx[0-9]"#, options: .regularExpression) != nil { self = .idx }
        else { return nil }
    }
}

import Foundation
