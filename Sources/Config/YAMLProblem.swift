internal import Yams

/// A Yams parse error as a location and one phrase, so messages never show Yams' multi-line dumps.
struct YAMLProblem {
    let location: ConfigLocation?
    let text: String

    init(_ error: any Error) {
        guard let error = error as? YamlError else {
            location = nil
            text = "\(error)"
            return
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            location = .line(mark.line, column: mark.column)
            text = [context?.text, problem].compactMap { $0 }.joined(separator: ", ")
        case .reader(let problem, let offset, _, _):
            location = nil
            text = problem + (offset.map { " at byte \($0)" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, let context):
            location = .line(context.mark.line, column: context.mark.column)
            text = "duplicate key \(duplicates.joined(separator: ", "))"
        case .dataCouldNotBeDecoded:
            location = nil
            text = "the file is not UTF-8 text"
        default:
            location = nil
            text = "\(error)"
        }
    }
}
