import Foundation

/// The reference implementations of the sgd loop shipped in `benchmarks/`: a C loop compiled
/// here with `cc -O3 -march=native` and a plain numpy loop. Each run is a separate process that
/// times its own steps with its thread's CPU time and prints `steps_per_second=…`.
struct ReferenceLoop: Sendable {
    enum Kind: String, Sendable { case c = "C", numpy }

    let kind: Kind
    /// The command before the arguments `N STEPS`.
    let command: [String]
    /// Compiler or interpreter and library versions, for the report.
    let version: String

    /// One run: the loop's own steps per second over `steps` steps; `extra` follows `N STEPS`
    /// (the C loop's `ETA SEED K ACTIVATION` for a two-layer network).
    func stepsPerSecond(inputDimension: Int, steps: Int, extra: [String] = []) throws(BenchmarkError) -> Double {
        let output = try Shell.run(command + ["\(inputDimension)", "\(steps)"] + extra)
        guard let field = output.split(separator: " ").first(where: { $0.hasPrefix("steps_per_second=") }),
              let value = Double(field.dropFirst("steps_per_second=".count)), value > 0 else {
            throw .reference("\(kind.rawValue) reference printed no steps_per_second: \(output.prefix(200))")
        }
        return value
    }

    /// Compiles `sgd_reference.c` into `workDirectory` with `$CC`, else `cc`, else `clang` (the
    /// Swift toolchain ships one).
    static func c(sources: URL, workDirectory: URL) throws(BenchmarkError) -> ReferenceLoop {
        let source = sources.appendingPathComponent("sgd_reference.c").path
        guard FileManager.default.fileExists(atPath: source) else { throw .reference("\(source) not found") }
        let binary = workDirectory.appendingPathComponent("sgd_reference").path
        let flags = ["-O3", "-march=native", "-fno-math-errno"]
        let chosen = ProcessInfo.processInfo.environment["CC"].flatMap { $0.isEmpty ? nil : [$0] } ?? ["cc", "clang"]
        var failures: [String] = []
        for compiler in chosen {
            do {
                _ = try Shell.run([compiler] + flags + ["-o", binary, source, "-lm"])
            } catch {
                failures.append("\(compiler): \(error)")
                continue
            }
            let version = (try? Shell.run([compiler, "--version"]))?.split(separator: "\n").first.map(String.init) ?? compiler
            return ReferenceLoop(kind: .c, command: [binary], version: "\(([compiler] + flags).joined(separator: " ")) (\(version))")
        }
        throw .reference("cannot compile the C reference (\(failures.joined(separator: "; ")))")
    }

    /// `python3 sgd_numpy.py`, if python3 with numpy is there.
    static func numpy(sources: URL) throws(BenchmarkError) -> ReferenceLoop {
        let script = sources.appendingPathComponent("sgd_numpy.py").path
        guard FileManager.default.fileExists(atPath: script) else { throw .reference("\(script) not found") }
        let version: String
        do {
            version = try Shell.run(["python3", "-c", "import numpy, sys; print('numpy', numpy.__version__, 'on Python', sys.version.split()[0])"])
                .trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw .reference("python3 with numpy is not available (\(error))")
        }
        return ReferenceLoop(kind: .numpy, command: ["python3", script], version: version)
    }
}

/// Runs a command found on PATH and returns its standard output.
enum Shell {
    static func run(_ arguments: [String]) throws(BenchmarkError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw .reference("cannot start \(arguments[0]): \(error.localizedDescription)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
            throw .reference("\(arguments[0]) exited with status \(process.terminationStatus)\(message.isEmpty ? "" : ": \(message)")")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

public enum BenchmarkError: Error, CustomStringConvertible, Sendable {
    case reference(String)
    case setup(String)

    public var description: String {
        switch self {
        case .reference(let message), .setup(let message): message
        }
    }
}
