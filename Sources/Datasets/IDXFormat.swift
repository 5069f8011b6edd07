/// IDX (yann.lecun.com/exdb/mnist): bytes 0 0, a type code, the rank d; d big-endian UInt32
/// sizes; the values, big-endian, row-major. Rank 1 is a labels file (one column); rank ≥ 2 has
/// size₀ samples of the remaining sizes' product values each.
enum IDXFormat {
    static func parse(_ bytes: [UInt8]) throws(FormatProblem) -> DataMatrix {
        guard bytes.count >= 4 else { throw FormatProblem("truncated: \(bytes.count) bytes, shorter than the 4-byte IDX magic") }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw FormatProblem("wrong magic \(hex(bytes[0..<4])): an IDX file starts with 00 00 <type> <rank>")
        }
        let width: Int
        switch bytes[2] {
        case 0x08, 0x09: width = 1
        case 0x0B: width = 2
        case 0x0C, 0x0D: width = 4
        case 0x0E: width = 8
        default:
            throw FormatProblem("unknown IDX type code 0x\(String(bytes[2], radix: 16)) (expected 08 ubyte, 09 byte, 0b short, 0c int, 0d float, 0e double)")
        }
        let rank = Int(bytes[3])
        guard rank >= 1 else { throw FormatProblem("IDX rank is 0; expected 1 (labels) or more (samples)") }
        let headerLength = 4 + 4 * rank
        guard bytes.count >= headerLength else {
            throw FormatProblem("truncated: the header of rank \(rank) needs \(headerLength) bytes, the file has \(bytes.count)")
        }
        var sizes: [Int] = []
        for k in 0..<rank {
            let o = 4 + 4 * k
            sizes.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        let rows = sizes[0], columns = sizes.dropFirst().reduce(1, *)
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, count.multipliedReportingOverflow(by: width).overflow == false else {
            throw FormatProblem("sizes \(sizes) are too large")
        }
        let expected = headerLength + count * width
        guard bytes.count >= expected else {
            throw FormatProblem("truncated: sizes \(sizes.map(String.init).joined(separator: "×")) need \(expected) bytes, the file has \(bytes.count)")
        }
        guard bytes.count == expected else {
            throw FormatProblem("\(bytes.count - expected) bytes after the data of sizes \(sizes.map(String.init).joined(separator: "×"))")
        }
        guard rows >= 1, columns >= 1 else { throw FormatProblem("holds no values (sizes \(sizes))") }
        var values = [Double](repeating: 0, count: count)
        let type = bytes[2]
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<count {
                let o = headerLength + i * width
                var raw: UInt64 = 0
                for k in 0..<width { raw = raw << 8 | UInt64(b[o + k]) }
                switch type {
                case 0x08: values[i] = Double(raw)
                case 0x09: values[i] = Double(Int8(truncatingIfNeeded: raw))
                case 0x0B: values[i] = Double(Int16(truncatingIfNeeded: raw))
                case 0x0C: values[i] = Double(Int32(truncatingIfNeeded: raw))
                case 0x0D: values[i] = Double(Float(bitPattern: UInt32(raw)))
                default: values[i] = Double(bitPattern: raw)
                }
            }
        }
        return DataMatrix(rows: rows, columns: columns, values: values)
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: " ")
    }
}
