// swift-tools-version: 6.0
import PackageDescription

// Release builds of the simulation kernels want aggressive but IEEE-safe flags — defined here
// only (Sources/Simulation/KernelBuild.swift reports them, e.g. for the manifest):
// - `-Ounchecked`: no overflow/bounds traps in the hot loop (Simulation target only; everything
//   else keeps Swift's checks);
// - `-Xcc -fno-math-errno`: `squareRoot()` becomes one `sqrt` instruction (vectorizable) instead
//   of a call guarded for errno;
// - `-target-cpu native`: the SIMD width and fused multiply–add of the machine that builds
//   (AVX-512 here). Such a binary may not run on another CPU, so `BNSIM_PORTABLE=1` builds for any
//   x86-64 with AVX2 and FMA (Haswell, 2013, and later; any arm64). Both give the same numbers:
//   the kernels use only IEEE operations and explicit fused multiply–adds.
// The Theory target gets the last two flags too, for its vectorized integrands.
let portable = !["", "0"].contains(Context.environment["BNSIM_PORTABLE"] ?? "")
#if arch(x86_64)
let cpuFlags = portable ? ["-target-cpu", "haswell"] : ["-target-cpu", "native"]
#else
let cpuFlags = portable ? [] : ["-target-cpu", "native"]
#endif
let vectorFlags = ["-Xcc", "-fno-math-errno"] + cpuFlags
let kernelFlags: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked"] + vectorFlags, .when(configuration: .release)),
    .define(portable ? "BNSIM_KERNELS_PORTABLE" : "BNSIM_KERNELS_NATIVE", .when(configuration: .release)),
]
// The theory's vectorized integrands (bn-exact's orthants) get the same CPU, with Swift's checks.
let theoryFlags: [SwiftSetting] = [.unsafeFlags(vectorFlags, .when(configuration: .release))]

let package = Package(
    name: "bnsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "bnsim", targets: ["bnsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The C boundary: GSL headers plus static inline shims (Swift 6 cannot read GSL's globals).
        .systemLibrary(name: "CGSL", pkgConfig: "gsl", providers: [.apt(["libgsl-dev"])]),
        // The only module that imports CGSL; its public API has no C types.
        .target(name: "GSL", dependencies: ["CGSL"]),
        // Shared vocabulary of theory and simulation (docs/model.md §1–4).
        .target(name: "Model", dependencies: ["GSL"]),
        .target(name: "Theory", dependencies: ["Model", "GSL"], swiftSettings: theoryFlags),
        .target(name: "Simulation", dependencies: ["Model"], swiftSettings: kernelFlags),
        // `bnsim convex`: the global optimum of two-layer BN-ReLU networks by convex duality (docs/convex-bn-relu.md).
        .target(name: "Convex", dependencies: ["Model", "GSL"]),
        // zlib for gzip'd data files (Sources/Datasets).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Data sets on disk (IDX, CSV, NPY, gzip'd or not) for training on real data (docs/model.md §12).
        .target(name: "Datasets", dependencies: ["CZlib", "Model"]),
        .target(name: "Config", dependencies: ["Model", .product(name: "Yams", package: "Yams")]),
        .target(name: "Output", dependencies: ["Model", "Config", .product(name: "Yams", package: "Yams")]),
        .target(name: "Experiment", dependencies: ["Model", "Theory", "Simulation", "Config", "Output", "Convex", "Datasets"]),
        // `bnsim bench`: the kernels against the C and numpy loops of benchmarks/, theory and sweep timings.
        .target(name: "Benchmark", dependencies: ["Model", "Theory", "Simulation", "Config", "Output", "Experiment"]),
        .executableTarget(
            name: "bnsim",
            dependencies: ["Experiment", "Benchmark", "Config", "Model", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "_TestSupport", dependencies: ["Model", "GSL"]),
        .testTarget(name: "GSLTests", dependencies: ["GSL", "_TestSupport"]),
        .testTarget(name: "TheoryTests", dependencies: ["Theory", "Model", "GSL", "Simulation", "_TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Theory", "Model", "_TestSupport"]),
        .testTarget(name: "ConvexTests", dependencies: ["Convex", "GSL", "Model", "_TestSupport"]),
        .testTarget(name: "DatasetTests", dependencies: ["Datasets", "Model", "Simulation", "_TestSupport"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Model", "_TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["_TestSupport"]),
        .testTarget(name: "ExperimentTests", dependencies: ["Experiment", "Output", "Config", "Model", "Theory", "Simulation"]),
    ],
    swiftLanguageModes: [.v6]
)
