import Config
import Foundation
import Testing

/// `bnsim lr-max`'s defaults are the documented analysis: configs/lr-max.yaml's lr_search.
struct LrMaxDefaultsTests {
    @Test func defaultsAreTheDocumentedAnalysis() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let analysis = try ConfigLoader.load(path: root.appendingPathComponent("configs/lr-max.yaml").path)
        #expect(analysis.base.learningRateSearch == ExperimentConfig.defaults.learningRateSearch)
        #expect(ExperimentConfig.defaults.learningRateSearch.convergedEg == 0.01 && ExperimentConfig.defaults.learningRateSearch.etaMax == 100)
    }
}
