import Output
import Simulation

extension BuildInfo {
    /// This bnsim: its version and build, with the kernel flags the Simulation target was compiled with.
    public static var current: BuildInfo { BuildInfo(simulationFlags: KernelBuild.flags) }
}
