/// numpy's .npy: "\x93NUMPY", major and minor version, the header length (UInt16 LE for version 1,
/// UInt32 LE for 2 and 3), a Python dict literal {'descr': …, 'fortran_order': …, 'shape': (…)},
/// then the array. Shape (n,) is a labels file; (n, d₁, …) has n samples of d₁·… values.
enum NPYFormat {
    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    static func parse(_ bytes: [UInt8]) throws(FormatProblem) -> DataMatrix {
        guard bytes.count >= 10 else { throw FormatProblem("truncated: \(bytes.count) bytes, shorter than an NPY preamble") }
        guard Array(bytes[0..<6]) == magic else {
            throw FormatProblem("wrong magic \(IDXFormat.hex(bytes[0..<6])): an NPY file starts with 93 'NUMPY'")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8; headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw FormatProblem("truncated: \(bytes.count) bytes, shorter than an NPY v\(major) preamble") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24; headerStart = 12
        default:
            throw FormatProblem("NPY format version \(major) is not supported (expected 1, 2 or 3)")
        }
        guard bytes.count >= headerStart + headerLength else {
            throw FormatProblem("truncated: the header needs \(headerStart + headerLength) bytes, the file has \(bytes.count)")
        }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard let descr = quotedValue(of: "descr", in: header) else { throw FormatProblem("header has no 'descr': \(header.trimmed)") }
        let width: Int
        switch descr {
        case "<f8": width = 8
        case "<f4": width = 4
        case "|u1", "<u1", ">u1": width = 1
        default:
            throw FormatProblem("dtype '\(descr)' is not supported (expected '<f8', '<f4' or '|u1')")
        }
        guard let order = rawValue(of: "fortran_order", in: header) else { throw FormatProblem("header has no 'fortran_order'") }
        guard order.hasPrefix("False") else { throw FormatProblem("is in Fortran order; expected C order (fortran_order: False)") }
        guard let shape = shape(in: header) else { throw FormatProblem("header has no readable 'shape': \(header.trimmed)") }
        guard let rows = shape.first else { throw FormatProblem("holds a scalar (shape ()); expected samples") }
        let columns = shape.dropFirst().reduce(1, *)
        let count = rows * columns
        guard count > 0 else { throw FormatProblem("holds no values (shape \(shape))") }
        let dataStart = headerStart + headerLength
        let expected = dataStart + count * width
        guard bytes.count >= expected else {
            throw FormatProblem("truncated: shape \(shape) of '\(descr)' needs \(expected) bytes, the file has \(bytes.count)")
        }
        guard bytes.count == expected else {
            throw FormatProblem("\(bytes.count - expected) bytes after the data of shape \(shape)")
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<count {
                let o = dataStart + i * width
                var raw: UInt64 = 0
                for k in (0..<width).reversed() { raw = raw << 8 | UInt64(b[o + k]) }  // little-endian
                switch width {
                case 8: values[i] = Double(bitPattern: raw)
                case 4: values[i] = Double(Float(bitPattern: UInt32(raw)))
                default: values[i] = Double(raw)
                }
            }
        }
        return DataMatrix(rows: rows, columns: columns, values: values)
    }

    private static func rawValue(of key: String, in header: String) -> Substring? {
        guard let keyRange = header.range(of: "'\(key)'") else { return nil }
        guard let colon = header[keyRange.upperBound...].firstIndex(of: ":") else { return nil }
        return header[header.index(after: colon)...].drop(while: { $0 == " " })
    }

    private static func quotedValue(of key: String, in header: String) -> String? {
        guard let value = rawValue(of: key, in: header), let quote = value.first, quote == "'" || quote == "\"" else { return nil }
        let body = value.dropFirst()
        guard let end = body.firstIndex(of: quote) else { return nil }
        return String(body[..<end])
    }

    private static func shape(in header: String) -> [Int]? {
        guard let value = rawValue(of: "shape", in: header), value.first == "(", let end = value.firstIndex(of: ")") else { return nil }
        let parts = value[value.index(after: value.startIndex)..<end].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let sizes = parts.map { Int($0) }
        guard sizes.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        return sizes.map { $0! }
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

import Foundation
