import ArgumentParser
import Experiment
import Foundation

extension BNSimCommand {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild comparison.csv of a results directory from its theory.csv and simulation.csv, and print the verdicts.",
            discussion: """
                Joins every theory row (run, variant, α) with the seed-averaged simulation row (seed = all) of the same \
                run and α, writes DIR/comparison.csv — byte for byte what bnsim run writes — and prints, per run and \
                theory variant, the largest |z| and PASS/FAIL by the tests' rule on Q, R, γ and ε_g: \
                |simulation − theory| ≤ 4 s.e. + 5/N·(1 + |theory|) (bn's Q at M < 6: 8 s.e. + 2% of |Q − 1| more). \
                bn's pn and loss variants are approximations: reported, not tested.
                """
        )

        @Argument(help: "A results directory written by bnsim run (or bnsim merge).")
        var directory: String

        func validate() throws { try validateDirectoryArgument(directory, "the results directory") }

        func run() throws {
            let report: CompareCommandReport
            do { report = try CompareCommand.execute(directory: URL(fileURLWithPath: directory)) } catch { fail("\(error)") }
            print(report.summary, terminator: "")
            print("wrote \(report.file.path)")
        }
    }
}
