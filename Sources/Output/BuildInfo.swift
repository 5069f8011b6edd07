/// How the bnsim that wrote a results directory was built, recorded in its manifest so that a
/// run can be reproduced with the same program: the version, the build configuration,
/// the Swift compiler, the platform and the flags of the simulation kernels (Package.swift gives
/// them to the Simulation target only; `Simulation.KernelBuild` reports them).
public struct BuildInfo: Sendable, Equatable {
    public var version: String
    /// `release` or `debug`.
    public var configuration: String
    /// The compiler that built bnsim, as far as `#if compiler(…)` can tell ("6.3.1").
    public var compiler: String
    /// Architecture and operating system, e.g. "x86_64-linux".
    public var platform: String
    /// The extra flags of the Simulation target ("" in a debug build).
    public var simulationFlags: String

    public init(simulationFlags: String) {
        version = bnsimVersion
        #if DEBUG
        configuration = "debug"
        #else
        configuration = "release"
        #endif
        compiler = Self.compilerVersion
        platform = Self.architecture + "-" + Self.system
        self.simulationFlags = simulationFlags
    }

    /// The manifest's `build:` block.
    var yaml: String {
        "build:\n"
            + "  configuration: \(configuration)\n"
            + "  swift_compiler: \(Manifest.quoted(compiler))\n"
            + "  platform: \(Manifest.quoted(platform))\n"
            + "  simulation_flags: \(Manifest.quoted(simulationFlags))\n"
    }

    /// The newest version `#if compiler(>=…)` accepts, from 6.0 (the package's tools version) on.
    static var compilerVersion: String {
        #if compiler(>=7.0)
        "7.0 or later"
        #elseif compiler(>=6.4)
        "6.4 or later"
        #elseif compiler(>=6.3.3)
        "6.3.3 or later"
        #elseif compiler(>=6.3.2)
        "6.3.2"
        #elseif compiler(>=6.3.1)
        "6.3.1"
        #elseif compiler(>=6.3)
        "6.3"
        #elseif compiler(>=6.2.1)
        "6.2.1 or later"
        #elseif compiler(>=6.2)
        "6.2"
        #elseif compiler(>=6.1)
        "6.1"
        #else
        "6.0"
        #endif
    }

    static var architecture: String {
        #if arch(x86_64)
        "x86_64"
        #elseif arch(arm64)
        "arm64"
        #else
        "other"
        #endif
    }

    static var system: String {
        #if os(Linux)
        "linux"
        #elseif os(macOS)
        "macos"
        #else
        "other"
        #endif
    }
}
