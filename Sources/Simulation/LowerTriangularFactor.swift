/// Small dense linear algebra of the reduced two-layer chain (docs/reduced-engine.md §5): the LQ
/// decomposition that keeps its state triangular, and the Bartlett factor of a Wishart matrix.
/// Matrices are row-major in caller-owned buffers, so a step allocates nothing.
enum LowerTriangularFactor {
    /// The lower-trapezoidal L (rows × min(rows, columns)) of the LQ decomposition X = L·O, O with
    /// orthonormal rows, by Householder reflections from the right, with L's diagonal ≥ 0. So
    /// L·Lᵀ = X·Xᵀ without forming X·Xᵀ (no squared condition number). `x` (rows × columns) is
    /// overwritten; `scratch` holds `columns` numbers.
    @inline(__always)
    static func lq(_ x: UnsafeMutablePointer<Double>, rows: Int, columns: Int, scratch u: UnsafeMutablePointer<Double>,
                   into l: UnsafeMutablePointer<Double>) {
        let r = min(rows, columns)
        for p in 0..<r {
            // The reflector that maps row p's entries p..<columns onto its column p.
            var norm = 0.0
            for j in p..<columns { norm += x[p * columns + j] * x[p * columns + j] }
            norm = norm.squareRoot()
            guard norm > 0 else { continue }
            let alpha = x[p * columns + p] > 0 ? -norm : norm
            for j in p..<columns { u[j] = x[p * columns + j] }
            u[p] -= alpha
            var uu = 0.0
            for j in p..<columns { uu += u[j] * u[j] }
            guard uu > 0 else { continue }
            for i in p..<rows {
                var s = 0.0
                for j in p..<columns { s += x[i * columns + j] * u[j] }
                s *= 2 / uu
                for j in p..<columns { x[i * columns + j] -= s * u[j] }
            }
        }
        for i in 0..<rows { for j in 0..<r { l[i * r + j] = j <= i ? x[i * columns + j] : 0 } }
        // A column's sign is an orthogonal change of frame: make the diagonal non-negative.
        for j in 0..<r where l[j * r + j] < 0 {
            for i in j..<rows { l[i * r + j] = -l[i * r + j] }
        }
    }

    /// `lq` on arrays, for the start.
    static func lq(_ x: [Double], rows: Int, columns: Int) -> [Double] {
        var x = x, u = [Double](repeating: 0, count: columns), l = [Double](repeating: 0, count: rows * min(rows, columns))
        x.withUnsafeMutableBufferPointer { x in
            u.withUnsafeMutableBufferPointer { u in
                l.withUnsafeMutableBufferPointer { l in lq(x.baseAddress!, rows: rows, columns: columns, scratch: u.baseAddress!, into: l.baseAddress!) }
            }
        }
        return l
    }

    /// The generalized Bartlett factor of Wishart_r(ν, I): B (r × min(r, ν), lower trapezoidal)
    /// with B·Bᵀ = Yᵀ·Y for Y a ν×r standard Gaussian matrix — B_jj² ~ χ²_{ν−j} (j from 0),
    /// B_ij ~ N(0, 1) below the diagonal. These are the coordinates of r i.i.d. N(0, I_ν) vectors
    /// in the frame their Gram–Schmidt builds.
    @inline(__always)
    static func bartlett(into b: UnsafeMutablePointer<Double>, dimension r: Int, degreesOfFreedom nu: Int, _ rng: inout RandomStream) {
        let s = min(r, max(0, nu))
        for i in 0..<r {
            for j in 0..<s {
                b[i * s + j] = i == j ? rng.chiSquared(degreesOfFreedom: nu - j).squareRoot() : i > j ? rng.normal() : 0
            }
        }
    }

    /// `bartlett` into an array, for the start.
    static func bartlett(dimension r: Int, degreesOfFreedom nu: Int, _ rng: inout RandomStream) -> [Double] {
        var b = [Double](repeating: 0, count: r * min(r, max(0, nu)))
        if b.isEmpty { return b }
        b.withUnsafeMutableBufferPointer { bartlett(into: $0.baseAddress!, dimension: r, degreesOfFreedom: nu, &rng) }
        return b
    }
}
