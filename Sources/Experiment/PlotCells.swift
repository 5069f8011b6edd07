import Config
import Convex
import Model

/// What a cell of a table that `bnsim plot` reads may hold. Every cell that reaches a figure —
/// a label, a file name, a number in a data file — is checked against its column's kind first,
/// so a results directory from someone else can only be drawn, never run.
enum PlotCellKind: Sendable {
    /// A finite decimal number (`0.5`, `1e-05`, `12`); `optional` also allows an empty cell.
    case number(optional: Bool)
    /// A whole number.
    case integer
    /// `run-` and up to 32 lowercase letters or digits (bnsim's run ids are 12 hex digits).
    case runID
    /// One word of a fixed vocabulary (an empty cell only if "" is listed).
    case word([String])
    /// `all` (the seed mean) or a seed number; `optional` also allows an empty cell (theory rows).
    case seed(optional: Bool = false)
    /// A value of a swept config key path.
    case swept(SweepableValueKind)

    /// Nil when `cell` fits, else what was expected (for the error message).
    func problem(_ cell: String) -> String? {
        switch self {
        case .number(let optional):
            if optional && cell.isEmpty { return nil }
            return Self.isNumber(cell) ? nil : "a finite decimal number" + (optional ? " or empty" : "")
        case .integer:
            return Self.isInteger(cell) ? nil : "a whole number"
        case .runID:
            let id = cell.utf8.dropFirst(4)
            return cell.hasPrefix("run-") && (1...32).contains(id.count) && id.allSatisfy(Self.isLowercaseLetterOrDigit)
                ? nil : "a run id (run- and up to 32 lowercase letters or digits)"
        case .word(let words):
            return words.contains(cell) ? nil : "one of " + words.map { $0.isEmpty ? "(empty)" : $0 }.joined(separator: ", ")
        case .seed(let optional):
            if optional && cell.isEmpty { return nil }
            return cell == "all" || Self.isInteger(cell) ? nil : "all or a seed number" + (optional ? " or empty" : "")
        case .swept(let kind):
            switch kind {
            case .integer: return Self.isInteger(cell) ? nil : "a whole number"
            case .number: return Self.isNumber(cell) ? nil : "a finite decimal number"
            case .boolean: return ["true", "false"].contains(cell) ? nil : "true or false"
            case .choice(let words): return words.contains(cell) ? nil : "one of " + words.joined(separator: ", ")
            }
        }
    }

    /// `[-+]digits[.digits][e[-+]digits]` (or `.digits`), finite, at most 40 characters: what
    /// bnsim's CSVs hold and gnuplot reads as a number (no `nan`, `inf` or hexadecimal).
    static func isNumber(_ cell: String) -> Bool {
        var s = Substring(cell)
        guard !s.isEmpty, s.count <= 40 else { return false }
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        let mantissa = s.prefix { $0 != "e" && $0 != "E" }
        let exponent = s.dropFirst(mantissa.count)
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy(isDigits(allowingEmpty: true)), parts.contains(where: { !$0.isEmpty }), !mantissa.isEmpty else { return false }
        if !exponent.isEmpty {
            var e = exponent.dropFirst()
            if e.first == "-" || e.first == "+" { e = e.dropFirst() }
            guard !e.isEmpty, isDigits(allowingEmpty: false)(e) else { return false }
        }
        return Double(cell)?.isFinite ?? false
    }

    static func isInteger(_ cell: String) -> Bool {
        let digits = cell.hasPrefix("-") ? Substring(cell.dropFirst()) : Substring(cell)
        return !digits.isEmpty && digits.count <= 18 && isDigits(allowingEmpty: false)(digits)
    }

    private static func isDigits(allowingEmpty: Bool) -> (Substring) -> Bool {
        { s in (allowingEmpty || !s.isEmpty) && s.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    private static func isLowercaseLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
    }
}

/// The vocabularies of bnsim's CSVs.
enum PlotVocabulary {
    static let method = Method.allCases.map(\.rawValue)
    static let activation = Activation.allCases.map(\.rawValue)
    static let variant = TheoryVariant.allCases.map(\.rawValue)
    static let status = [Outcome.completed.label, Outcome.diverged(atAlpha: 0).label]
    static let engine = ["theory", "simulation"]
    static let windowStatus = ["bounded", "open_below", "unbounded_above", "open_below_unbounded_above", "empty"]
    static let localStatus = ["", "bounded", "stable_throughout", "unstable_throughout", "no_fixed_point"]
    static let localParameter = ["", "eta", "eta_eff"]
    static let plateauStatus = PlateauTable.Status.allCases.map(\.rawValue)
    static let matrix = ["Q", "R", "v", "gamma", "beta", "specialization"]
    static let teacher = TeacherNetwork.allCases.map(\.rawValue)
    static let patternsMode = ConvexInstanceResult.PatternMode.allCases.map(\.rawValue)
}

/// The columns `bnsim plot` reads from each table, with their kinds; the swept key-path columns
/// (those between `run_id` and `sweptBefore`) are checked against the config schema, and the
/// width columns (`families`: a prefix and a width, e.g. convex.csv's `gap_m8`) against their
/// family's kind. Columns not listed are never read.
struct PlotSchema: Sendable {
    let columns: [(name: String, kind: PlotCellKind)]
    let sweptBefore: String?
    var families: [(prefix: String, kind: PlotCellKind)] = []

    private static let keys: [(String, PlotCellKind)] = [
        ("run_id", .runID), ("method", .word(PlotVocabulary.method)), ("activation", .word(PlotVocabulary.activation)),
        ("N", .integer), ("batch_size", .integer), ("teacher_noise", .number(optional: false)),
        ("weight_decay", .number(optional: false)), ("gamma_decay", .number(optional: false)),
    ]
    private static func numbers(_ names: [String], optional: Bool = false) -> [(String, PlotCellKind)] {
        names.map { ($0, .number(optional: optional)) }
    }

    static let theory = PlotSchema(columns: keys + [("learning_rate", .number(optional: false)), ("variant", .word(PlotVocabulary.variant)),
                                                    ("status", .word(PlotVocabulary.status))]
                                       + numbers(PlotCurves.theoryColumns), sweptBefore: "method")
    static let simulation = PlotSchema(columns: keys + [("learning_rate", .number(optional: false)), ("seed", .seed(optional: false)),
                                                        ("status", .word(PlotVocabulary.status))]
                                           + numbers(["alpha", "Q", "R", "r", "gamma", "eta_eff", "eg"])
                                           + numbers(["Q_se", "R_se", "r_se", "gamma_se", "eta_eff_se", "eg_se"], optional: true),
                                       sweptBefore: "method")
    static let lrMax = PlotSchema(columns: keys + [("engine", .word(PlotVocabulary.engine)), ("window_status", .word(PlotVocabulary.windowStatus)),
                                                   ("local_status", .word(PlotVocabulary.localStatus)),
                                                   ("local_parameter", .word(PlotVocabulary.localParameter))]
                                      + numbers(["eta_low", "eta_high", "eta_div", "eta_largest_converged", "local_bound"], optional: true),
                                  sweptBefore: "method")
    static let plateau = PlotSchema(columns: keys + [("engine", .word(PlotVocabulary.engine)), ("variant", .word([""] + PlotVocabulary.variant)),
                                                     ("seed", .seed(optional: true)), ("status", .word(PlotVocabulary.plateauStatus))]
                                        + numbers(["plateau_alpha", "height", "exit_alpha"], optional: true),
                                    sweptBefore: "method")
    static let overlaps = PlotSchema(columns: [("run_id", .runID), ("engine", .word(PlotVocabulary.engine)), ("variant", .word([""] + PlotVocabulary.variant)),
                                               ("seed", .seed(optional: true)), ("alpha", .number(optional: false)), ("matrix", .word(PlotVocabulary.matrix)),
                                               ("i", .integer), ("j", .integer), ("value", .number(optional: false))],
                                     sweptBefore: nil)
    static let jitter = PlotSchema(columns: [("run_id", .runID), ("M", .integer)]
                                       + numbers(["threshold_sd", "flip_rate"])
                                       + numbers(["threshold_sd_se", "threshold_sd_predicted", "flip_rate_se", "flip_rate_predicted"], optional: true),
                                   sweptBefore: "M")
    /// convex.csv (`bnsim convex`): one `gap_m<m>` and `eg_gd_m<m>` per width m (empty where P_cvx = 0).
    static let convex = PlotSchema(columns: [("N", .integer), ("P", .integer), ("alpha", .number(optional: false)),
                                             ("lambda", .number(optional: false)), ("teacher", .word(PlotVocabulary.teacher)),
                                             ("noise", .number(optional: false)), ("instance", .integer),
                                             ("patterns_mode", .word(PlotVocabulary.patternsMode)), ("m_star", .integer)]
                                       + numbers(["patterns", "patterns_general_position", "solve_seconds"])
                                       + numbers(["eg_optimum"], optional: true),
                                   sweptBefore: nil,
                                   families: [("gap_m", .number(optional: true)), ("eg_gd_m", .number(optional: true))])
    /// penalty_quadrature is empty where it is not computed (kurtosis, M > 10⁶; zeta_not_computed.csv).
    static let zeta = PlotSchema(columns: [("M", .integer)] + numbers(["r", "gamma"])
                                     + numbers(["penalty_quadrature", "penalty_sampled", "penalty_sampled_se", "penalty_pn"], optional: true),
                                 sweptBefore: nil)
}
