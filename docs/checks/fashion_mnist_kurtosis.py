"""docs/model.md §8 and §12: the input statistics of Fashion-MNIST in the sense of the kurtosis data model.

The data model x = √v·z, v ~ Gamma(3/ρ, ρ/3), gives every field h = w·x/√N (any fixed direction w with
|w|² = N) the excess kurtosis ρ, and |x|²/N → v, so ρ = 3·Var(|x|²/N). On real data the two differ, and the
fields also differ in variance from one direction to the next (the covariance C is not the identity).
This check standardizes the images as bnsim does (docs/model.md §12: per feature, with the set's mean and
standard deviation, then |x|²/N averaging 1, constant features 0) and reports, for a file (default: the
test file t10k of Debian's dataset-fashion-mnist, the data of configs/paper/fashion-mnist-gamma-decay.yaml)
and the two-class training set of configs/paper/fashion-mnist.yaml:

  mean |x|²/N (1 by construction); ρ_norm = 3·Var(|x|²/N);
  ρ_field: the excess kurtosis E h⁴/(E h²)² − 3 of h = w·x/√N over the samples, for 400 directions
           w ~ N(0, I) (a random teacher is one such direction): mean, median, standard deviation, 5 %–95 %;
  the field variance E h² over those directions (mean, s.d.) and its square root, the scale of a random
  teacher's field (mean, s.d., 5 %–95 %), and the participation ratio
  tr(C)²/tr(C²) (N for isotropic inputs).

Run: python3 docs/checks/fashion_mnist_kurtosis.py   (numpy only; ≈ 10 s of CPU)
"""
import gzip, sys
import numpy as np

ROOT = "/usr/share/datasets/fashion-mnist/"


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape[0], -1).astype(float)


def standardize(x):
    mean, sd = x.mean(0), x.std(0)
    varying = sd > 0
    c = np.sqrt(x.shape[1] / varying.sum())
    return np.where(varying, (x - mean) * c / np.where(varying, sd, 1), 0.0)


def report(name, x, rng):
    n, N = x.shape
    norm = (x ** 2).sum(1) / N
    w = rng.standard_normal((N, 400))
    h = x @ w / np.sqrt(N)
    m2, m4 = (h ** 2).mean(0), (h ** 4).mean(0)
    rho = m4 / m2 ** 2 - 3
    C = x.T @ x / n
    ev = np.linalg.eigvalsh(C)
    print(f"{name}: {n} samples, N = {N}")
    print(f"  mean |x|²/N = {norm.mean():.6f}   rho_norm = 3·Var(|x|²/N) = {3 * norm.var():.3f}")
    print(f"  rho_field over 400 random directions: mean {rho.mean():.3f}, median {np.median(rho):.3f}, s.d. {rho.std():.3f}, "
          f"5%–95% {np.percentile(rho, 5):.3f}–{np.percentile(rho, 95):.3f}")
    sd = np.sqrt(m2)
    print(f"  field variance E h² over directions: mean {m2.mean():.3f}, s.d. {m2.std():.3f}; field s.d. √(E h²): "
          f"mean {sd.mean():.3f}, s.d. {sd.std():.3f}, 5%–95% {np.percentile(sd, 5):.2f}–{np.percentile(sd, 95):.2f}; "
          f"participation ratio tr(C)²/tr(C²) = {ev.sum() ** 2 / (ev ** 2).sum():.1f}, "
          f"largest eigenvalue of C {ev[-1]:.1f}")


def main():
    rng = np.random.default_rng(1)
    path = sys.argv[1] if len(sys.argv) > 1 else ROOT + "t10k-images-idx3-ubyte.gz"
    report(path.split("/")[-1], standardize(idx(path)), rng)
    images, labels = idx(ROOT + "train-images-idx3-ubyte.gz"), idx(ROOT + "train-labels-idx1-ubyte.gz")[:, 0]
    pick = (labels == 0) | (labels == 6)
    report("train, classes 0 and 6", standardize(images[pick]), rng)
    # The data model itself, for scale: Gaussian (ρ = 0) and kurtotic inputs with the ρ_field above.
    N, n = 784, 10000
    report("Gaussian inputs", rng.standard_normal((n, N)), rng)


if __name__ == "__main__":
    main()
