internal import Yams

/// The user's tree (after `--set`), which knows where each value was written.
struct ConfigSource {
    let file: String
    /// Nil for a config built in code.
    let user: Node?

    func location(of path: [PathComponent]) -> ConfigLocation {
        guard let user else { return .unlocated }
        guard let node = user.node(at: path) else { return .defaultValue }
        return Self.location(of: node)
    }

    /// A node without a mark was not written in the file: it came from `--set`.
    static func location(of node: Node) -> ConfigLocation {
        node.mark.map { .line($0.line, column: $0.column) } ?? .override
    }

    /// The scalar text as the user wrote it, if they did.
    func writtenText(at path: [PathComponent]) -> String? {
        user?.node(at: path)?.scalar?.string
    }
}
