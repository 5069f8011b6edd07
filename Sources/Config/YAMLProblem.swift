internal import Yams

/// A Yams parse error as a location and one phrase, so messages never show Yams' multi-line dumps.
struct YAMLProblem {
    let location: ConfigLocation?
    let text: String

    init(_ error: any Error) {
        let (location, text) = Self.parts(of: error)
        self.location = location
        // Messages are one line (the CLI prints one line per error), whatever libyaml says.
        self.text = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func parts(of error: any Error) -> (ConfigLocation?, String) {
        guard let error = error as? YamlError else {
            return (nil, "\(error)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return (.line(mark.line, column: mark.column), [context?.text, problem].compactMap { $0 }.joined(separator: ", "))
        case .reader(let problem, let offset, _, _):
            return (nil, problem + (offset.map { " at byte \($0)" } ?? ""))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (.line(context.mark.line, column: context.mark.column), "duplicate key \(duplicates.joined(separator: ", "))")
        case .dataCouldNotBeDecoded:
            return (nil, "the file is not UTF-8 text")
        default:
            return (nil, "\(error)")
        }
    }
}
