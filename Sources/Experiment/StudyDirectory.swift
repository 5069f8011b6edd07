import Foundation
import Output

/// Which bnsim command's results a directory holds, so that one command never overwrites another's
/// `manifest.yaml` and figures, and lr-max or convex never silently replace the results of another
/// config (run guards its points the same way through `points/sweep.yaml`). zeta and jitter write
/// no manifest and may share a directory with a run (the gamma-decay study does).
public enum StudyDirectory {
    public enum Kind: String, CaseIterable, Sendable {
        case run, lrMax = "lr-max", convex

        /// Files or folders only this command writes (a run's committed copy may keep only some).
        var markers: [String] {
            switch self {
            case .run: [PointStore.folderName] + CombinedResults.fileNames.filter { $0 != StudyDirectory.manifestName }
            case .lrMax: [LrMaxCommand.file]
            case .convex: [ConvexCommand.csvFile]
            }
        }

        /// Effective-config keys the command's results do not depend on: a change there is no
        /// other config (the manifest records every key, defaults included, and defaults of
        /// sections a command never reads have changed between bnsim builds).
        func ignores(_ keyPath: String) -> Bool {
            let section = keyPath.prefix { $0 != "." }
            switch self {
            case .run: return false
            case .lrMax: return ["version", "name", "convex"].contains(section)
            case .convex:
                return ["version", "name", "training", "theory", "output", "lr_search"].contains(section)
                    || ["simulation.enabled", "simulation.seeds", "simulation.engine"].contains(keyPath)
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
        func exists(_ name: String) -> Bool { fm.fileExists(atPath: directory.appendingPathComponent(name).path) }
        let writer = "bnsim \(command ?? kind.rawValue)"
        for other in Kind.allCases where other != kind {
            if let marker = other.markers.first(where: exists) {
                throw Refusal(description: "\(directory.path) holds the results of bnsim \(other.rawValue) (\(marker)); \(writer) "
                              + "would overwrite their \(manifestName) and figures: choose another --output")
            }
        }
        guard kind != .run, exists(manifestName) else { return }
        // A manifest without this command's table is not this command's (e.g. a run whose
        // tables were pruned): never take it over, even with --force.
        guard kind.markers.contains(where: exists) else {
            throw Refusal(description: "\(directory.path) holds a \(manifestName) without \(kind.markers.joined(separator: ", ")) beside it: "
                          + "not \(writer)'s results, which would overwrite it; choose another --output")
        }
        guard let text = try? String(contentsOf: directory.appendingPathComponent(manifestName), encoding: .utf8),
              let stored = effectiveConfig(inManifest: text),
              let difference = ConfigDifference.describe(old: stored, new: effectiveYAML, ignoring: kind.ignores) else { return }
        if force {
            // The old config's figures must not stay beside the new results (--no-plot draws none).
            PlotCommand.removeFigures(in: directory)
            return
        }
        throw Refusal(description: "\(directory.path) holds \(writer) results of a different config (\(difference)); "
                      + "rerun with --force to replace them, or choose another --output")
    }

    /// The `effective_config: |` block of a manifest, unindented; nil when there is none.
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
