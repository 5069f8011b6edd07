import Testing
import Model

/// The agreement rule's seed-count correction: the multiplier is the two-sided Student-t quantile
/// (n − 1 degrees of freedom) of the 4σ normal tail. Reference values from scipy
/// (`stats.t.isf(stats.norm.sf(4), n - 1)`), computed independently of GSL.
struct AgreementRuleTests {
    @Test(arguments: [(5, 17.448227992362312), (6, 12.281424348100213), (8, 8.466925103464442),
                      (16, 5.4803760818702125), (64, 4.286747553613781), (100_000, 4.0001700081128275)])
    func multiplierIsTheStudentQuantileOfTheFourSigmaTail(_ seeds: Int, _ scipy: Double) {
        #expect(abs(AgreementRule().multiplier(seeds: seeds) - scipy) < 1e-9 * scipy)
    }

    @Test func knownVarianceAndTheWiderRuleKeepTheirMultipliers() {
        #expect(AgreementRule().multiplier(seeds: nil) == 4)
        let wide = AgreementRule.forObservable(.Q, method: .bn, batchSize: 4)
        #expect(abs(wide.multiplier(seeds: 16) - 2 * 5.4803760818702125) < 1e-8)
    }

    @Test func toleranceGrowsAsSeedsFall() {
        let rule = AgreementRule()
        let tolerances = [64, 16, 8, 6].map { rule.tolerance(theory: 0.5, standardError: 0.01, N: 1000, seeds: $0) }
        #expect(zip(tolerances, tolerances.dropFirst()).allSatisfy { $0 < $1 })
        // A gap of 6 s.e. fails with a known variance and passes at 8 seeds (k = 8.47).
        #expect(!rule.agrees(theory: 0.5, mean: 0.56, standardError: 0.01, N: 1_000_000, seeds: nil))
        #expect(rule.agrees(theory: 0.5, mean: 0.56, standardError: 0.01, N: 1_000_000, seeds: 8))
    }
}
