/// How the simulation kernels were compiled: the flags Package.swift gives the Simulation target
/// in this build (Package.swift is where they are defined; this mirrors it for reports).
public enum KernelBuild {
    #if BNSIM_KERNELS_NATIVE
    /// Built for the CPU of the machine that compiled it (`-target-cpu native`).
    public static let portable = false
    public static let flags = "-Ounchecked -Xcc -fno-math-errno -target-cpu native"
    #elseif BNSIM_KERNELS_PORTABLE
    /// Built with BNSIM_PORTABLE=1: runs on any x86-64 with AVX2 and FMA, or any arm64.
    public static let portable = true
    #if arch(x86_64)
    public static let flags = "-Ounchecked -Xcc -fno-math-errno -target-cpu haswell"
    #else
    public static let flags = "-Ounchecked -Xcc -fno-math-errno"
    #endif
    #else
    /// A debug build: no kernel flags.
    public static let portable = true
    public static let flags = ""
    #endif
}
