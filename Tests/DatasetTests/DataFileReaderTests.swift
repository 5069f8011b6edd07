import Datasets
import Foundation
import Testing

/// Every format and every error path of `DataFileReader` on small files the test writes itself.
struct DataFileReaderTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("bnsim-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// gzip through the system's gzip, so the reader's zlib is checked against another implementation.
    func gzip(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", path]
        try process.run(); process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return path + ".gz"
    }

    static func bigEndian(_ x: UInt32) -> [UInt8] { [UInt8(x >> 24), UInt8(x >> 16 & 255), UInt8(x >> 8 & 255), UInt8(x & 255)] }

    static func idx(type: UInt8 = 0x08, sizes: [UInt32], data: [UInt8]) -> [UInt8] {
        [0, 0, type, UInt8(sizes.count)] + sizes.flatMap(bigEndian) + data
    }

    static func npy(descr: String, shape: String, fortran: Bool = false, version: UInt8 = 1, data: [UInt8]) -> [UInt8] {
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
        let preamble = version == 1 ? 10 : 12
        while (preamble + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        let length = header.utf8.count
        let lengthBytes: [UInt8] = version == 1 ? [UInt8(length & 255), UInt8(length >> 8)]
            : [UInt8(length & 255), UInt8(length >> 8 & 255), 0, 0]
        return [0x93] + Array("NUMPY".utf8) + [version, 0] + lengthBytes + Array(header.utf8) + data
    }

    func problem(_ path: String, format: DataFileFormat? = nil) -> String? {
        do { _ = try DataFileReader.read(path: path, format: format, display: "data.file"); return nil } catch { return error.description }
    }

    @Test func idxImagesAndLabelsPlainAndGzipped() throws {
        let images = try write("images-idx3-ubyte", Self.idx(sizes: [2, 2, 3], data: Array(0..<12)))
        let labels = try write("labels.idx", Self.idx(sizes: [2], data: [7, 9]))
        for path in [images, try gzip(images)] {
            let m = try DataFileReader.read(path: path)
            #expect(m.rows == 2 && m.columns == 6)
            #expect(m.values == (0..<12).map(Double.init))
        }
        let l = try DataFileReader.read(path: try gzip(labels))
        #expect(l.rows == 2 && l.columns == 1 && l.values == [7, 9])
        // A double-typed IDX: big-endian IEEE values.
        let doubles = try write("d.idx", Self.idx(type: 0x0E, sizes: [1, 2], data: Array(withUnsafeBytes(of: (-2.5).bitPattern.bigEndian, Array.init))
                                                    + Array(withUnsafeBytes(of: 0.125.bitPattern.bigEndian, Array.init))))
        #expect(try DataFileReader.read(path: doubles).values == [-2.5, 0.125])
    }

    @Test func csvWithHeaderBlankLinesAndCRLF() throws {
        let path = try write("d.csv", Array("a,b,label\r\n1, 2.5, 1\n\n-3,4e-1,0\n".utf8))
        let m = try DataFileReader.read(path: path)
        #expect(m.rows == 2 && m.columns == 3 && m.values == [1, 2.5, 1, -3, 0.4, 0])
        let (rest, column) = m.splittingColumn(2)
        #expect(rest.values == [1, 2.5, -3, 0.4] && column == [1, 0])
        #expect(try DataFileReader.read(path: try gzip(path)) == m)
    }

    @Test func npyDtypesAndVersions() throws {
        let f8 = [1.5, -2.0, 3.25, 0].flatMap { x in withUnsafeBytes(of: x.bitPattern.littleEndian, Array.init) }
        let f4 = [Float(1.5), -2].flatMap { x in withUnsafeBytes(of: x.bitPattern.littleEndian, Array.init) }
        let a = try DataFileReader.read(path: try write("a.npy", Self.npy(descr: "<f8", shape: "(2, 2)", data: f8)))
        #expect(a.rows == 2 && a.columns == 2 && a.values == [1.5, -2, 3.25, 0])
        let b = try DataFileReader.read(path: try write("b.npy", Self.npy(descr: "<f4", shape: "(2,)", version: 2, data: f4)))
        #expect(b.rows == 2 && b.columns == 1 && b.values == [1.5, -2])
        let c = try DataFileReader.read(path: try gzip(try write("c.npy", Self.npy(descr: "|u1", shape: "(1, 2, 2)", data: [0, 1, 254, 255]))))
        #expect(c.rows == 1 && c.columns == 4 && c.values == [0, 1, 254, 255])
    }

    @Test func missingFilesAndUnknownNames() throws {
        #expect(problem(directory.appendingPathComponent("absent.idx").path) == "data.file: no such file")
        #expect(problem(directory.path, format: .csv) == "data.file: is a directory, not a data file")
        let odd = try write("data.bin", [1, 2, 3])
        #expect(problem(odd)?.hasPrefix("data.file: cannot tell the format from the name") == true)
    }

    @Test func idxErrors() throws {
        #expect(problem(try write("a.idx", [0, 0])) == "data.file: truncated: 2 bytes, shorter than the 4-byte IDX magic")
        #expect(problem(try write("b.idx", [0x1f, 0x8c, 8, 1] + Self.bigEndian(1) + [5]))
                == "data.file: wrong magic 1f 8c 08 01: an IDX file starts with 00 00 <type> <rank>")
        #expect(problem(try write("c.idx", Self.idx(type: 0x07, sizes: [1], data: [1])))?.contains("unknown IDX type code 0x7") == true)
        #expect(problem(try write("d.idx", [0, 0, 8, 3] + Self.bigEndian(2)))
                == "data.file: truncated: the header of rank 3 needs 16 bytes, the file has 8")
        #expect(problem(try write("e.idx", Self.idx(sizes: [2, 3], data: [1, 2, 3, 4, 5])))
                == "data.file: truncated: sizes 2×3 need 18 bytes, the file has 17")
        #expect(problem(try write("f.idx", Self.idx(sizes: [1], data: [1, 2])))
                == "data.file: 1 bytes after the data of sizes 1")
        // A gzip stream cut short is refused by zlib, not read as a short file.
        let whole = try gzip(try write("g.idx", Self.idx(sizes: [64], data: Array(repeating: 3, count: 64))))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: whole)))
        #expect(problem(try write("h.idx.gz", Array(bytes.prefix(bytes.count - 12)))) == "data.file: gzip stream is truncated")
    }

    @Test func csvErrors() throws {
        #expect(problem(try write("a.csv", Array("1,2\n3\n".utf8))) == "data.file: line 2 has 1 fields, expected 2 like the lines before")
        #expect(problem(try write("b.csv", Array("1,2\n3,x\n".utf8))) == "data.file: line 2, field 2: 'x' is not a number")
        #expect(problem(try write("c.csv", Array("h1,h2\n\n".utf8))) == "data.file: holds no samples")
        #expect(problem(try write("d.csv", [0xff, 0xfe, 0x31])) == "data.file: is not UTF-8 text")
    }

    @Test func npyErrors() throws {
        let f8 = withUnsafeBytes(of: 1.0.bitPattern.littleEndian, Array.init)
        #expect(problem(try write("a.npy", Array("NUMPYNUMPYNUMPY".utf8)))?.hasPrefix("data.file: wrong magic 4e 55 4d 50 59 4e") == true)
        #expect(problem(try write("b.npy", Self.npy(descr: "<i8", shape: "(1,)", data: f8)))
                == "data.file: dtype '<i8' is not supported (expected '<f8', '<f4' or '|u1')")
        #expect(problem(try write("c.npy", Self.npy(descr: "<f8", shape: "(2,)", data: f8)))
                == "data.file: truncated: shape [2] of '<f8' needs 144 bytes, the file has 136")
        #expect(problem(try write("d.npy", Self.npy(descr: "<f8", shape: "(1,)", fortran: true, data: f8)))
                == "data.file: is in Fortran order; expected C order (fortran_order: False)")
        #expect(problem(try write("e.npy", Self.npy(descr: "<f8", shape: "()", data: f8)))
                == "data.file: holds a scalar (shape ()); expected samples")
        var future = Self.npy(descr: "<f8", shape: "(1,)", data: f8); future[6] = 4
        #expect(problem(try write("f.npy", future)) == "data.file: NPY format version 4 is not supported (expected 1, 2 or 3)")
        #expect(problem(try write("g.npy", Array(Self.npy(descr: "<f8", shape: "(1,)", data: f8).prefix(40))))
                == "data.file: truncated: the header needs 128 bytes, the file has 40")
    }
}
