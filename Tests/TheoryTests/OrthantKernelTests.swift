import Foundation
import GSL
import Testing
import Theory

/// `BivariateNormal.Orthant` evaluates Sheppard's integral with per-correlation node tables and
/// eight exponentials at a time (its own polynomial exp). Against the same 24-node Gauss–Legendre
/// sum written as a plain loop with libm, it must agree to rounding error — relative
/// 10⁻¹⁵·(1 + h² + k²), since an exponent of size ~(h² + k²)/2 carries that much rounding in
/// either form, or 10⁻³⁰⁰ absolute where the probability underflows — far inside the 10⁻⁹ that
/// `BivariateNormalTests` demands against adaptive quadrature, and including tails where most
/// exponents fall below −708 and are flushed to zero.
struct OrthantKernelTests {
    static func plainOrthant(_ h: Double, _ k: Double, _ rho: Double) -> Double {
        let rule = GaussLegendreRule(order: 24), top = asin(rho)
        var sum = 0.0
        for (x, w) in zip(rule.nodes, rule.weights) {
            let t = top * (x + 1) / 2, st = sin(t)
            sum += w * exp(-(h * h - 2 * h * k * st + k * k) / (2 * (1 - st * st)))
        }
        let bar = { (x: Double) in 0.5 * erfc(x / 2.0.squareRoot()) }
        return bar(h) * bar(k) + sum * top / (4 * Double.pi)
    }

    @Test(arguments: [0.0, 0.05, 0.3, 0.5, 0.69])
    func vectorizedOrthantMatchesPlainLoop(rho: Double) {
        let orthant = BivariateNormal.Orthant(correlation: rho)
        var worst = 0.0  // relative difference in units of the allowance
        for h in stride(from: -6.0, through: 38.0, by: 0.7) {
            for k in stride(from: -6.0, through: 38.0, by: 1.3) {
                let fast = orthant.upper(h, k), plain = Self.plainOrthant(h, k, rho)
                let error = abs(fast - plain)
                if plain > 1e-290 {
                    worst = max(worst, error / plain / (1e-15 * (1 + h * h + k * k)))
                } else {
                    #expect(error < 1e-300)
                }
            }
        }
        #expect(worst < 1, "max relative difference \(worst) × 1e-15·(1 + h² + k²) at ρ = \(rho)")
    }
}
