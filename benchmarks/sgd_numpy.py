#!/usr/bin/env python3
"""bnsim's numpy reference: the same online SGD work as benchmarks/sgd_reference.c and bnsim's
`sgd` kernel (docs/model.md §1–3: ReLU teacher and student, M = 1, β = 0, no noise, no weight decay),
written as the plain numpy loop typical research code uses:

    draw x ~ N(0, I_N); h* = w*·x/√N; h = w·x/√N;
    δ = (relu(h*) − relu(h))·relu'(h);  w ← w + (η/√N)·δ·x

Usage: sgd_numpy.py N STEPS [ETA [SEED]]
Prints one line: n=… steps=… cpu_seconds=… steps_per_second=… Q=… R=…
The time is this thread's CPU time (time.thread_time) over the STEPS steps only.
"""
import sys
import time

import numpy as np


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} N STEPS [ETA [SEED]]")
    n, steps = int(sys.argv[1]), int(sys.argv[2])
    eta = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    rng = np.random.default_rng(seed)
    teacher = rng.standard_normal(n)
    teacher *= np.sqrt(n / teacher.dot(teacher))
    student = rng.standard_normal(n)
    student -= student.dot(teacher) / n * teacher
    student *= np.sqrt(n / student.dot(student))
    scale = 1 / np.sqrt(n)

    def train(count: int) -> None:
        for _ in range(count):
            x = rng.standard_normal(n)
            h_star = teacher.dot(x) * scale
            h = student.dot(x) * scale
            delta = (max(h_star, 0.0) - h) if h > 0 else 0.0
            np.add(student, (eta * delta * scale) * x, out=student)

    train(steps // 20 + 1)  # warm-up
    start = time.thread_time()
    train(steps)
    seconds = time.thread_time() - start
    print(f"n={n} steps={steps} cpu_seconds={seconds:.6f} steps_per_second={steps / seconds:.1f} "
          f"Q={student.dot(student) / n:.6f} R={student.dot(teacher) / n:.6f}")


if __name__ == "__main__":
    main()
