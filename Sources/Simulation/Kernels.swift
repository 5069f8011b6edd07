/// The hand-written SIMD loops of the simulation (docs/model.md §1–3): drawing an input fused with its
/// two fields, and the update of w. They work on *padded* vectors: length N rounded up to a
/// multiple of `NormalStream.blockSize` (16), 64-byte aligned, zero beyond N — so every loop
/// runs over whole 8-lane vectors and the padding never contributes (x is zero there, and so
/// w stays zero there).
///
/// Sums are accumulated in a fixed order (two 8-lane accumulators, then `horizontalSum`), the
/// same whatever the caller, so `Replica.step(onBatch:)` reproduces a training step bit for bit.
enum Kernel {
    typealias Values = SIMD8<Double>

    /// N rounded up to whole blocks of 16.
    static func paddedLength(_ n: Int) -> Int {
        (n + NormalStream.blockSize - 1) / NormalStream.blockSize * NormalStream.blockSize
    }

    /// Zero-initialized, 64-byte aligned storage for `count` doubles.
    static func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(1, count) * 8, alignment: 64)
        let p = raw.bindMemory(to: Double.self, capacity: max(1, count))
        p.initialize(repeating: 0, count: max(1, count))
        return p
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Double>, _ j: Int) -> Values {
        UnsafeRawPointer(p + j).loadUnaligned(as: Values.self)
    }

    @inline(__always)
    static func store(_ v: Values, _ p: UnsafeMutablePointer<Double>, _ j: Int) {
        UnsafeMutableRawPointer(p + j).storeBytes(of: v, as: Values.self)
    }

    /// The lanes summed pairwise in a fixed order.
    @inline(__always)
    static func horizontalSum(_ v: Values) -> Double {
        ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]))
    }

    /// Draws a fresh input x ~ N(0, I_N) into `x` (padded; x_j = 0 for j ≥ n) and returns the
    /// dot products (w*·x, w·x). `bits` is scratch for 2·⌈n/16⌉ words of eight lanes.
    /// Three passes over L1-resident buffers: the random bits, the transform, the dot products.
    /// Kept apart, each loop has short dependency chains and few live registers; fusing the dot
    /// products into the transform was measurably slower (its long log–sqrt chains then stall
    /// the accumulators), and fusing the generator into it defeated the vectorizer (NormalStream).
    @inline(__always)
    static func drawGaussian(into x: UnsafeMutablePointer<Double>, count n: Int, teacher: UnsafePointer<Double>,
                             student: UnsafePointer<Double>, stream: inout NormalStream,
                             bits: UnsafeMutablePointer<SIMD8<UInt64>>) -> (teacher: Double, student: Double) {
        let blocks = paddedLength(n) / NormalStream.blockSize
        stream.fillBits(bits, count: 2 * blocks)
        let raw = UnsafeRawPointer(bits)
        for block in 0..<blocks {
            let a = raw.load(fromByteOffset: block &* 128, as: SIMD8<UInt64>.self)
            let b = raw.load(fromByteOffset: block &* 128 &+ 64, as: SIMD8<UInt64>.self)
            let (z0, z1) = NormalTransform.normals(a, b)
            let j = block &* NormalStream.blockSize
            store(z0, x, j); store(z1, x, j &+ 8)
        }
        for k in n..<(blocks &* NormalStream.blockSize) { x[k] = 0 }  // the padding
        return dots(x, count: n, teacher: teacher, student: student)
    }

    /// (w*·x, w·x) of a given padded input (`drawGaussian` and `Replica.step(onBatch:)` sum
    /// them with this one loop, in one order).
    @inline(__always)
    static func dots(_ x: UnsafePointer<Double>, count n: Int, teacher: UnsafePointer<Double>,
                     student: UnsafePointer<Double>) -> (teacher: Double, student: Double) {
        var t0 = Values.zero, t1 = Values.zero, s0 = Values.zero, s1 = Values.zero
        var j = 0
        while j < n {
            let z0 = load(x, j), z1 = load(x, j &+ 8)
            t0 = t0.addingProduct(load(teacher, j), z0); t1 = t1.addingProduct(load(teacher, j &+ 8), z1)
            s0 = s0.addingProduct(load(student, j), z0); s1 = s1.addingProduct(load(student, j &+ 8), z1)
            j &+= NormalStream.blockSize
        }
        return (horizontalSum(t0 + t1), horizontalSum(s0 + s1))
    }

    /// w ← scale·w + Σ_i c_i·x_i over the M rows of `inputs` (row i at i·stride), and |w|² of
    /// the new w — or NaN when `measuringNorm` is false and M = 1, where that FMA per component
    /// is a sizable share of a plain sgd step (at M > 1 it is shared by M samples and always
    /// computed). `padded` is the padded length.
    @inline(__always)
    static func update(_ w: UnsafeMutablePointer<Double>, scale: Double, inputs: UnsafePointer<Double>, stride: Int,
                       coefficients c: UnsafePointer<Double>, rows: Int, padded: Int, measuringNorm: Bool) -> Double {
        let a = Values(repeating: scale)
        var norm = Values.zero
        var j = 0
        switch rows {
        case 1 where scale == 1 && !measuringNorm:  // plain sgd: w + c·x
            let c0 = Values(repeating: c[0])
            while j < padded {
                store(load(w, j).addingProduct(c0, load(inputs, j)), w, j)
                j &+= 8
            }
            return .nan
        case 1:
            // (scale·w) + c·x: with scale = 1 this is the plain sgd rule exactly (1·w is w).
            let c0 = Values(repeating: c[0])
            while j < padded {
                let v = (a * load(w, j)).addingProduct(c0, load(inputs, j))
                store(v, w, j); norm = norm.addingProduct(v, v)
                j &+= 8
            }
        default:
            while j < padded {
                var v = a * load(w, j)
                var row = inputs + j
                for i in 0..<rows {
                    v = v.addingProduct(Values(repeating: c[i]), load(row, 0))
                    row += stride
                }
                store(v, w, j); norm = norm.addingProduct(v, v)
                j &+= 8
            }
        }
        return horizontalSum(norm)
    }

    /// w ← scale·w and |w|² of the new w (the w update when the gradient part vanishes).
    static func scale(_ w: UnsafeMutablePointer<Double>, by scale: Double, padded: Int) -> Double {
        let a = Values(repeating: scale)
        var norm = Values.zero
        var j = 0
        while j < padded {
            let v = a * load(w, j)
            store(v, w, j); norm = norm.addingProduct(v, v)
            j &+= 8
        }
        return horizontalSum(norm)
    }
}
