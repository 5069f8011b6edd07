#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension AtomicFileSet {
    /// Puts a file another program wrote at `temporary` (a sibling named by `temporaryName`) in
    /// place as `final`, the way `write(into:)` does its own: flushed to disk, renamed (atomic
    /// within a directory), the directory flushed. On failure the temporary is removed and
    /// `final` is untouched.
    public static func install(_ temporary: String, as final: String) throws(OutputError) {
        try WriteGate.around { () throws(OutputError) in
            let fd = open(temporary, O_RDONLY | O_CLOEXEC)
            var failure: String?
            if fd < 0 { failure = FileSystem.lastError() } else {
                if fsync(fd) != 0 { failure = FileSystem.lastError() }
                close(fd)
            }
            if failure == nil && rename(temporary, final) != 0 { failure = FileSystem.lastError() }
            if let failure {
                unlink(temporary)
                throw OutputError(path: final, reason: failure)
            }
            FileSystem.synchronizeDirectory((final as NSString).deletingLastPathComponent)
        }
    }
}
