"""Expansions of the smooth ops' derivatives around their zeros, for the
backward kernels: near a zero x0 the derivative is h K(h) with h = x - x0
(computed as a double-word), so it keeps its relative accuracy however
close x comes to x0. Computed with mpmath at 120 digits; imported by
generate.py."""
import mpmath as mp

mp.mp.dps = 120
RADIUS = mp.mpf(2) ** -4  # |h| below which the kernels use the expansion
DEGREE = 13               # coefficients of K


def sigmoid(w):
    return 1 / (1 + mp.exp(-w))


def gelu_slope(x):
    return mp.erfc(-x / mp.sqrt(2)) / 2 + x * mp.exp(-x * x / 2) / mp.sqrt(2 * mp.pi)


GELU_TANH_A = 2 * mp.sqrt(2 / mp.pi)
GELU_TANH_C = mp.mpf("0.044715")


def gelu_tanh_slope(x):
    w = GELU_TANH_A * (x + GELU_TANH_C * x ** 3)
    s = sigmoid(w)
    return s + x * s * sigmoid(-w) * GELU_TANH_A * (1 + 3 * GELU_TANH_C * x * x)


def silu_slope(z):  # d/dz of z sigmoid(z)
    return sigmoid(z) + z * sigmoid(z) * sigmoid(-z)


def mish_slope(x):
    t = mp.tanh(mp.log1p(mp.exp(x)))
    return t + x * sigmoid(x) * (1 - t * t)


# name, derivative, starting guess of its zero
ROOTS = [
    ("Gelu", gelu_slope, -0.75),
    ("GeluTanh", gelu_tanh_slope, -0.75),
    ("Silu", silu_slope, -1.28),
    ("Mish", mish_slope, -1.19),
]


def expansion(slope, guess):
    """Returns (x0, K coefficients, log2 of the measured relative error)."""
    x0 = mp.findroot(slope, mp.mpf(guess))
    series = mp.taylor(slope, x0, DEGREE)
    k = series[1:DEGREE + 1]
    worst = mp.mpf(0)
    for i in range(1, 401):
        for sign in (1, -1):
            h = sign * RADIUS * i / 400
            approx = h * mp.polyval(k[::-1], h)
            worst = max(worst, abs(approx / slope(x0 + h) - 1))
    return x0, k, float(mp.log(worst, 2))
