import CZlib

/// gzip decompression through zlib (`.gz` data files, recognized by their magic 1f 8b, not by name).
enum GzipInflate {
    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b }

    /// The decompressed bytes, or the reason zlib gives up (a truncated or corrupt stream).
    static func inflate(_ compressed: [UInt8]) -> Result<[UInt8], FormatProblem> {
        var stream = z_stream()
        guard bnsim_inflate_init_gzip(&stream) == Z_OK else { return .failure(FormatProblem("zlib could not start inflating")) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(compressed.count * 4)
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        var input = compressed
        var status: Int32 = Z_OK
        input.withUnsafeMutableBufferPointer { inputPointer in
            stream.next_in = inputPointer.baseAddress
            stream.avail_in = UInt32(inputPointer.count)
            repeat {
                buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(chunk)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: out[0..<(chunk - Int(stream.avail_out))])
                }
                // A finished member followed by another (concatenated gzip) continues.
                if status == Z_STREAM_END && stream.avail_in > 0 {
                    status = inflateReset(&stream) == Z_OK ? Z_OK : Z_DATA_ERROR
                }
            } while status == Z_OK
        }
        switch status {
        case Z_STREAM_END: return .success(output)
        case Z_BUF_ERROR: return .failure(FormatProblem("gzip stream is truncated"))
        default: return .failure(FormatProblem("gzip stream is corrupt (zlib status \(status))"))
        }
    }
}
