import Foundation
import Testing
import _TestSupport

/// `bnsim bench` end to end, in its quick mode (short loops, no bn-exact): it prints the table,
/// writes bench.csv with every measurement, and skips — without failing — the reference loops it
/// cannot run. Speeds are never asserted here: only `bnsim bench` itself judges them.
struct BenchCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let measurements = [
        "sgd_rate.bnsim.N1000", "sgd_rate.c.N1000", "sgd_rate.numpy.N1000", "ratio.bnsim_over_c.N1000", "ratio.bnsim_over_numpy.N1000",
        "sgd_rate.bnsim.N5000", "sgd_rate.c.N5000", "sgd_rate.numpy.N5000", "ratio.bnsim_over_c.N5000", "ratio.bnsim_over_numpy.N5000",
        "bn_rate.bnsim.N1000.M4", "ratio.bn_over_sgd_cost.M4", "bn_rate.bnsim.N1000.M16", "ratio.bn_over_sgd_cost.M16",
        "reduced_rate.sgd.N1000", "ratio.reduced_over_full.N1000",
        "reduced_rate.sgd.N100000", "sgd_rate.bnsim.N100000", "ratio.reduced_over_full.N100000",
        "reduced_rate.sgd.N1000000", "sgd_rate.bnsim.N1000000", "ratio.reduced_over_full.N1000000",
        "reduced_rate.bn.N1000.M16", "ratio.reduced_over_full.bn.N1000.M16", "ratio.reduced_cost.N1000000_over_N1000",
        "committee_rate.K2", "committee_rate.c.K2", "ratio.committee_cost.K2", "ratio.committee_bnsim_over_c.K2", "committee_rate.K4", "committee_rate.c.K4", "ratio.committee_cost.K4", "ratio.committee_bnsim_over_c.K4",
        "committee_rate.K8", "committee_rate.c.K8", "ratio.committee_cost.K8", "ratio.committee_bnsim_over_c.K8",
        "committee_rate.nn2pp", "committee_rate.c.nn2pp", "ratio.committee_bnsim_over_c.nn2pp",
        "reduced_committee_rate.K2.N1000", "reduced_committee_rate.K2.N100000", "ratio.reduced_over_full.committee.K2",
        "reduced_committee_rate.K4.N1000", "reduced_committee_rate.K4.N100000", "ratio.reduced_over_full.committee.K4",
        "theory_ms.sgd", "theory_ms.wn", "theory_s.bn_exact.M8", "sweep_s.serial", "sweep_s.parallel", "ratio.sweep_speedup",
    ]

    @Test func quickBenchWritesEveryMeasurement() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let references = Self.repository.appendingPathComponent("benchmarks").path
        let result = try BNSimBinary.run(["bench", "--quick", "--repetitions", "1", "--threads", "2", "--quiet",
                                          "--references", references, "--output", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("bnsim / C: sgd N = 1000"))
        #expect(result.stdout.contains("wrote \(dir.appendingPathComponent("bench.csv").path)"))
        let rows = try BNSimBinary.csvRows(dir.appendingPathComponent("bench.csv"))
        #expect(rows.map { $0["measurement"] ?? "" } == Self.measurements)
        for row in rows where row["note"] == "" {
            #expect(Double(row["median"] ?? "").map { $0 > 0 } == true, "\(row)")
            #expect(row["repetitions"] == "1")
        }
        // The in-process measurements always run; bn-exact is left out of the quick mode.
        let byKey = Dictionary(uniqueKeysWithValues: rows.map { ($0["measurement"]!, $0) })
        for key in ["sgd_rate.bnsim.N1000", "bn_rate.bnsim.N1000.M16", "theory_ms.wn", "ratio.sweep_speedup"] {
            #expect(byKey[key]?["note"] == "", "\(key): \(byKey[key]?["note"] ?? "missing")")
        }
        #expect(byKey["theory_s.bn_exact.M8"]?["note"]?.hasPrefix("skipped") == true)
    }

    /// Without the reference sources their rows and ratios say why they are skipped.
    @Test func missingReferencesAreSkippedNotFatal() throws {
        let dir = try BNSimBinary.temporaryDirectory()
        let result = try BNSimBinary.run(["bench", "--quick", "--repetitions", "1", "--quiet",
                                          "--references", dir.appendingPathComponent("nowhere").path, "--output", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try BNSimBinary.csvRows(dir.appendingPathComponent("bench.csv"))
        let byKey = Dictionary(uniqueKeysWithValues: rows.map { ($0["measurement"]!, $0) })
        for key in ["sgd_rate.c.N1000", "sgd_rate.numpy.N5000", "ratio.bnsim_over_c.N1000", "ratio.bnsim_over_numpy.N1000"] {
            #expect(byKey[key]?["note"]?.contains("not found") == true, "\(key): \(byKey[key] ?? [:])")
            #expect(byKey[key]?["median"] == "")
        }
        #expect(result.stdout.contains("C reference skipped"))
    }

    @Test func badRepetitionsAreRefused() throws {
        let result = try BNSimBinary.run(["bench", "--repetitions", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--repetitions must be at least 1"))
    }
}
