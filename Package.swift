// swift-tools-version: 6.0
import PackageDescription

// Release builds of the simulation kernels want aggressive but IEEE-safe flags.
// `-Ounchecked` drops overflow/bounds traps in the hot loop only (Simulation target);
// everything else keeps Swift's checks.
let kernelFlags: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
]

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
        // Shared vocabulary of theory and simulation (SPEC §1–4).
        .target(name: "Model", dependencies: ["GSL"]),
        .target(name: "Theory", dependencies: ["Model", "GSL"]),
        .target(name: "Simulation", dependencies: ["Model"], swiftSettings: kernelFlags),
        .target(name: "Config", dependencies: ["Model", .product(name: "Yams", package: "Yams")]),
        .target(name: "Output", dependencies: ["Model", "Config", .product(name: "Yams", package: "Yams")]),
        .target(name: "Experiment", dependencies: ["Model", "Theory", "Simulation", "Config", "Output"]),
        .executableTarget(
            name: "bnsim",
            dependencies: ["Experiment", "Config", "Model", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "_TestSupport", dependencies: ["Model", "GSL"]),
        .testTarget(name: "GSLTests", dependencies: ["GSL", "_TestSupport"]),
        .testTarget(name: "TheoryTests", dependencies: ["Theory", "Model", "GSL", "Simulation", "_TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Theory", "Model", "_TestSupport"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Model", "_TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["_TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
