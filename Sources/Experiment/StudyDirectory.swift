import Foundation

/// Which bnsim command's results a directory holds, so that one command never overwrites another's
/// `manifest.yaml` and figures, and lr-max or convex never silently replace the results of another
/// config (run guards its points the same way through `points/sweep.yaml`). zeta and jitter write
/// no manifest and may share a directory with a run (the gamma-decay study does).
public enum StudyDirectory {
    public enum Kind: String, CaseIterable, Sendable {
        case run, lrMax = "lr-max", convex

        /// Files or folders only this command writes.
        var markers: [String] {
            switch self {
            case .run: ["points", "theory.csv", "simulation.csv"]
            case .lrMax: [LrMaxCommand.file]
            case .convex: [ConvexCommand.csvFile]
            }
        }
    }

    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    static let manifestName = "manifest.yaml"

    /// Throws when `directory` holds another command's results, or (lr-max, convex; unless
    /// `force`) this command's results of a different effective config. Call before any work;
    /// `command` names the writer when it is not `kind` itself (merge writes a run's results).
    public static func check(_ directory: URL, for kind: Kind, effectiveYAML: String, force: Bool,
                             command: String? = nil) throws(Refusal) {
        let fm = FileManager.default
        for other in Kind.allCases where other != kind {
            if let marker = other.markers.first(where: { fm.fileExists(atPath: directory.appendingPathComponent($0).path) }) {
                throw Refusal(description: "\(directory.path) holds the results of bnsim \(other.rawValue) (\(marker)); bnsim \(command ?? kind.rawValue) "
                              + "would overwrite their \(manifestName) and figures: choose another --output")
            }
        }
        guard kind != .run, !force,
              let text = try? String(contentsOf: directory.appendingPathComponent(manifestName), encoding: .utf8),
              let stored = effectiveConfig(inManifest: text) else { return }
        let new = effectiveYAML.split(separator: "\n").filter { !$0.isEmpty }.joined(separator: "\n")
        guard stored != new else { return }
        let difference = ConfigDifference.describe(old: stored, new: new) ?? "its effective config differs"
        throw Refusal(description: "\(directory.path) holds bnsim \(kind.rawValue) results of a different config (\(difference)); "
                      + "rerun with --force to replace them, or choose another --output")
    }

    /// The `effective_config: |` block of a manifest, unindented, without empty lines; nil when
    /// there is none.
    static func effectiveConfig(inManifest text: String) -> String? {
        var lines: [Substring] = []
        var inside = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !inside {
                inside = line == "effective_config: |"
            } else if line.hasPrefix("  ") {
                lines.append(line.dropFirst(2))
            } else if !line.isEmpty {
                break
            }
        }
        return inside && !lines.isEmpty ? lines.joined(separator: "\n") : nil
    }
}
