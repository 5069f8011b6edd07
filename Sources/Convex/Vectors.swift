/// Small dense vector helpers for the convex program (vectors of length P or k ≤ a few hundred).
enum Vec {
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

    static func relu(_ x: Double) -> Double { x > 0 ? x : 0 }
}
