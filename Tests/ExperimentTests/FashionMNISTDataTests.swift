import Config
import Experiment
import Foundation
import Model
import Testing

/// The shipped real-data example reads the real files (docs/model.md §12): configs/paper/fashion-mnist.yaml's
/// data are Debian's dataset-fashion-mnist, which `./dev` installs. Without the files this test fails,
/// saying so, rather than skip.
struct FashionMNISTDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theShippedConfigLoadsTheTwoClassesStandardized() throws {
        let loaded = try ConfigLoader.load(path: Self.root.appendingPathComponent("configs/paper/fashion-mnist.yaml").path)
        let config = try #require(loaded.runs.first).config
        try #require(FileManager.default.fileExists(atPath: config.data.path),
                     "\(config.data.path) is missing: install dataset-fashion-mnist (./dev setup does)")
        let data = try DataSetLoader.load(config)
        let train = try #require(data.train), test = try #require(data.test)
        #expect(config.model.inputDimension == 784 && train.dimension == 784 && test.dimension == 784)
        // T-shirt/top (+1) and shirt (−1): 6000 images each in the training file, 20 % held out.
        #expect(train.count + test.count == 12_000 && test.count == 2400)
        let positives = (train.labels ?? []).filter { $0 == 1 }.count + (test.labels ?? []).filter { $0 == 1 }.count
        #expect(positives == 6000)
        #expect((train.labels ?? []).allSatisfy { $0 == 1 || $0 == -1 })
        // Standardized with the training split's statistics: mean |x|²/N = 1 there.
        let meanSquare = train.inputs.reduce(0) { $0 + $1 * $1 } / Double(train.count * train.dimension)
        #expect(abs(meanSquare - 1) < 1e-9, "mean |x|²/N = \(meanSquare)")
    }
}
