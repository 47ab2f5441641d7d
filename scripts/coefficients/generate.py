#!/usr/bin/env python3
"""Regenerates src/kernels/smooth_coefficients.h: the minimax polynomials of
the smooth ops' kernels, fitted with Sollya's Remez algorithm for relative
error at 400 bits, each coefficient rounded to double (the leading ones also
given as double-word hi + lo).

Usage: scripts/coefficients/generate.py [output]
(needs Debian's `sollya` and `python3-mpmath`; about five minutes)
Every fit's measured relative error (Sollya's dirtyinfnorm) is written next
to it in the header. The f32 path's erfc set (kErfcF32) is the exception to
the above: fitted at 200 bits, and its errors are those of the polynomials
with the double coefficients, checked against mpmath on a grid as well.
"""
import struct
import subprocess
import sys
from decimal import Decimal, getcontext

import mpmath as mp

import roots

getcontext().prec = 120


def sollya(script):
    done = subprocess.run(["sollya", "--warnonstderr"], input=script + "\nquit;\n",
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0 or "rror" in done.stderr:
        sys.exit("sollya failed:\n" + done.stderr)
    return done.stdout


def fit(function, degree, lo, hi):
    """Remez fit of `function` (Sollya syntax in x) on [lo, hi] for relative
    error; returns (coefficients as decimal strings, log2 of the error)."""
    script = f"""prec = 400; display = decimal;
f = {function};
p = remez(1, {degree}, [{lo}; {hi}], 1/f, 1e-30);
for i from 0 to {degree} do print(coeff(p, i));
print(round(log2(dirtyinfnorm(p/f - 1, [{lo}; {hi}])), 53, RN));
"""
    lines = [l.strip() for l in sollya(script).splitlines() if l.strip()]
    lines = [l for l in lines if not l.startswith(("The precision", "Display mode"))]
    values = lines[:degree + 1]
    error = float(Decimal(lines[degree + 1]))
    return values, error



def fit_double(function, degree, lo, hi):
    """Remez fit of `function` (Sollya syntax in x) on [lo, hi] for relative
    error, at 200 bits (ample for the double-rounded result), coefficients
    rounded to double; returns (coefficients as floats, log2 of the relative
    error of the polynomial with those double coefficients)."""
    script = f"""prec = 200; display = decimal;
f = {function};
p = remez(1, {degree}, [{lo}; {hi}], 1/f, 1e-30);
q = roundcoefficients(p, [|D...|]);
for i from 0 to {degree} do printdouble(coeff(q, i));
print(round(log2(dirtyinfnorm(q/f - 1, [{lo}; {hi}])), 53, RN));
"""
    lines = [l.strip() for l in sollya(script).splitlines() if l.strip()]
    lines = [l for l in lines if not l.startswith(("The precision", "Display mode"))]
    values = [struct.unpack(">d", bytes.fromhex(l[2:]))[0] for l in lines[:degree + 1]]
    error = float(Decimal(lines[degree + 1]))
    return values, error


def erfc_scaled_grid_error(coefficients, centre, half, lo, hi, points=4000):
    """log2 of the largest relative error of sum c_i v^i against
    exp(z^2) erfc(z), z = centre + half v, on `points` + 1 equally spaced v in
    [lo, hi], in mpmath at 40 digits (a check of Sollya's dirtyinfnorm)."""
    worst = mp.mpf(0)
    with mp.workdps(40):
        for k in range(points + 1):
            v = mp.mpf(lo) + (mp.mpf(hi) - mp.mpf(lo)) * k / points
            z = centre + half * v
            approx = mp.polyval([mp.mpf(c) for c in coefficients[::-1]], v)
            worst = max(worst, abs(approx / (mp.exp(z * z) * mp.erfc(z)) - 1))
        return float(mp.log(worst, 2))


# F(z) = exp(z^2) erfc(z) for the f32 path: the same binade pieces as kErfcF
# up to [16, 32), one common degree, the lowest at which every piece's
# double-coefficient polynomial is within 2^ERFC_F32_TARGET relative error.
ERFC_F32_TARGET = -46
ERFC_F32_PIECES = [(0.5, 1), (1, 2), (2, 4), (4, 8), (8, 16), (16, 32)]
ERFC_F32_DEGREE = 18  # where the search starts (the answer last time)


def erfc_f32():
    v_hi = 1 + 2**-10  # v in [-1, 1], with the same slack as kErfcF
    fits = {}

    def piece(j, degree):
        if (j, degree) not in fits:
            a, b = ERFC_F32_PIECES[j]
            centre, half = (a + b) / 2, (b - a) / 2
            f = f"exp(({centre} + {half}*x)^2) * erfc({centre} + {half}*x)"
            fits[j, degree] = fit_double(f, degree, -1, "1 + 2^-10")
        return fits[j, degree]

    def meets(degree, order):
        # pieces in `order` first (the likeliest to fail), stops at a failure
        return all(piece(j, degree)[1] <= ERFC_F32_TARGET for j in order)

    everything = range(len(ERFC_F32_PIECES))
    hardest = sorted(everything, key=lambda j: -ERFC_F32_PIECES[j][0])
    degree = ERFC_F32_DEGREE
    while not meets(degree, hardest):
        degree += 1
    while degree > 1 and meets(degree - 1, sorted(everything, key=lambda j: -piece(j, degree)[1])):
        degree -= 1
    notes = []
    for j, (a, b) in enumerate(ERFC_F32_PIECES):
        centre, half = (a + b) / 2, (b - a) / 2
        coefficients, e = piece(j, degree)
        grid = erfc_scaled_grid_error(coefficients, centre, half, -1, v_hi)
        if grid > e + 0.1:
            sys.exit(f"erfc f32 piece [{a}, {b}): grid error 2^{grid:.2f} above dirtyinfnorm 2^{e:.2f}")
        e = max(e, grid)
        if e > ERFC_F32_TARGET:
            sys.exit(f"erfc f32 piece [{a}, {b}): error 2^{e:.2f} misses 2^{ERFC_F32_TARGET}")
        notes.append(f"//   [{a}, {b}): centre {centre}, half-width {half}, rel. error 2^{e:.1f}")
    count = len(ERFC_F32_PIECES)
    text = [f"// F(z) = exp(z^2) erfc(z) for the f32 path: six pieces z in [2^e, 2^(e+1)), e = -1..4,\n"
            f"// each a degree-{degree} polynomial in v = (z - centre) / half-width; rel. error per piece listed\n"
            f"// (double coefficients as below, target 2^{ERFC_F32_TARGET}; degree {degree - 1} misses it):\n"
            + "\n".join(notes)]
    text.append(f"inline constexpr int kErfcF32Pieces = {count};\ninline constexpr int kErfcF32Degree = {degree};")
    text.append("RECTIFY_COEFFICIENTS double kErfcF32Centre[8] = {"
                + ", ".join(hexd((a + b) / 2) for a, b in ERFC_F32_PIECES) + ", 0" * (8 - count)
                + "};  // padded with 0 to 8")
    text.append("RECTIFY_COEFFICIENTS double kErfcF32InvHalf[8] = {"
                + ", ".join(hexd(2 / (b - a)) for a, b in ERFC_F32_PIECES) + ", 1" * (8 - count)
                + "};  // 1 / half-width (powers of two), padded with 1")
    rows = []
    for i in range(degree + 1):
        rows.append("    {" + ", ".join(hexd(piece(j, degree)[0][i]) for j in everything)
                    + ", 0" * (8 - count) + "}")
    text.append(f"RECTIFY_COEFFICIENTS double kErfcF32[{degree + 1}][8] = {{  // [i][piece], coefficient of v^i, rows padded with 0\n"
                + ",\n".join(rows) + "};\n")
    return "\n".join(text)


def constant(expression):
    lines = sollya(f"prec = 400; display = decimal; print(round({expression}, 400, RN));").splitlines()
    return lines[-1].strip()


# Double-word constants: name, Sollya expression.
CONSTANTS = [
    ("kTwoOverSqrtPi", "2/sqrt(pi)"),
    ("kErfC1", "-2/(3*sqrt(pi))"),
    ("kInvSqrtPi", "1/sqrt(pi)"),
    ("kInvSqrt2", "1/sqrt(2)"),
    ("kInvSqrt2Pi", "1/sqrt(2*pi)"),
    ("kLn2", "log(2)"),
    ("kGeluTanhA", "2*sqrt(2/pi)"),
    ("kGeluTanhB", "2*sqrt(2/pi)*0.044715"),
]


def round_bits(value, bits):
    """`value` (a Decimal) rounded to `bits` significant bits."""
    exponent = value.adjusted() * 10 // 3  # rough, refined below
    scale = Decimal(2) ** (bits - exponent)
    while abs(value * scale) >= Decimal(2) ** bits:
        scale /= 2
    while abs(value * scale) < Decimal(2) ** (bits - 1):
        scale *= 2
    return (value * scale).to_integral_value() / scale


def cody_waite_ln2():
    """ln2 in three parts: the first two with 42 significant bits, so that
    k * part is exact for |k| < 2^11, and the rest rounded to double."""
    ln2 = Decimal(constant("log(2)"))
    first = round_bits(ln2, 42)
    second = round_bits(ln2 - first, 42)
    third = float(ln2 - first - second)
    inverse = float(1 / ln2)
    return ("// ln2 = kLn2Parts[0] + kLn2Parts[1] + kLn2Parts[2] (42, 42 and 53 bits)\n"
            f"RECTIFY_COEFFICIENTS double kLn2Parts[3] = {{{float(first).hex()}, {float(second).hex()}, {third.hex()}}};\n"
            f"// 1/ln2 rounded to double\ninline constexpr double kInvLn2 = {inverse.hex()};\n")


def zero_expansions():
    text = [f"""// Near the zero x0 of a derivative: f'(x0 + h) = h K(h) for |h| < 2^-4
// (scripts/coefficients/roots.py, mpmath at 120 digits); x0 as a triple
// word (x - x0 is then accurate even for the double nearest x0), K(0) as a
// double-word.
inline constexpr double kZeroRadius = {float(roots.RADIUS).hex()};"""]
    for name, slope, guess in roots.ROOTS:
        x0, k, error = roots.expansion(slope, guess)
        x0_hi, x0_mid = split(str(x0))
        x0_lo = float(Decimal(str(x0)) - Decimal(x0_hi) - Decimal(x0_mid))
        k0_hi, k0_lo = split(str(k[0]))
        body = ", ".join(float(c).hex() for c in k)
        text.append(f"// {name}: rel. error of h K(h) 2^{error:.1f}\n"
                    f"RECTIFY_COEFFICIENTS double k{name}Zero[3] = {{{x0_hi.hex()}, {x0_mid.hex()}, {x0_lo.hex()}}};\n"
                    f"RECTIFY_COEFFICIENTS double k{name}SlopeK0[2] = {{{k0_hi.hex()}, {k0_lo.hex()}}};\n"
                    f"RECTIFY_COEFFICIENTS double k{name}SlopeK[{len(k)}] = {{{body}}};")
    return "\n".join(text) + "\n"


def hexd(value):
    return float(value).hex()


def split(text):
    exact = Decimal(text)
    hi = float(exact)
    lo = float(exact - Decimal(hi))
    return hi, lo


def array(name, values, comment):
    body = ",\n".join(f"    {hexd(Decimal(v))}" for v in values)
    return f"// {comment}\nRECTIFY_COEFFICIENTS double {name}[{len(values)}] = {{\n{body}}};\n"


def main():
    out = []
    out.append("""// Generated by scripts/coefficients/generate.py (Sollya Remez fits for
// relative error at 400 bits); do not edit. Regenerate with:
//   python3 scripts/coefficients/generate.py src/kernels/smooth_coefficients.h
// Lowest degree first. Each comment gives the fitted function, interval and
// the measured relative error of the real-coefficient fit.
#ifndef RECTIFY_KERNELS_SMOOTH_COEFFICIENTS_H_
#define RECTIFY_KERNELS_SMOOTH_COEFFICIENTS_H_

// RECTIFY_COEFFICIENTS declares the coefficient arrays: under nvcc they
// are GPU global memory that the CUDA backend's device code reads (internal
// linkage, as nvcc requires of __device__ variables without relocatable
// device code); elsewhere plain inline constexpr arrays.
#ifdef __CUDACC__
#define RECTIFY_COEFFICIENTS static __device__ constexpr
#else
#define RECTIFY_COEFFICIENTS inline constexpr
#endif

namespace rectify::smooth {
""")
    # expm1(r) = r + r^2/2 + r^3 Q(r), |r| <= ln(2)/2 (+ slack).
    r0 = "log(2)/2 + 2^-12"
    q, e = fit("(expm1(x) - x - x^2/2) / x^3", 10, f"-({r0})", r0)
    out.append(array("kExpm1Q", q, f"Q(r) ~ (expm1(r) - r - r^2/2) / r^3 on |r| <= ln2/2 + 2^-12; rel. error 2^{e:.1f}"))
    # log1p(f) = 2s + s^3 R(s^2), s = f / (2 + f), f in [sqrt(1/2) - 1, sqrt(2) - 1].
    s0 = "((sqrt(2) - 1) / (sqrt(2) + 1))^2 * (1 + 2^-10)"
    r, e = fit("(log1p(2*sqrt(x)/(1 - sqrt(x))) - 2*sqrt(x)) / (x*sqrt(x))", 7, "2^-200", s0)
    out.append(array("kLog1pR", r, f"R(w) ~ (log1p(f) - 2s) / s^3, w = s^2 = (f/(2+f))^2 <= 0.0295; rel. error 2^{e:.1f}"))
    # erf(z) = z (c0 + c1 w + w^2 E(w)), w = z^2 <= 1/4, c0 and c1 exact.
    ev, e = fit("(erf(sqrt(x))/sqrt(x) - 2/sqrt(pi) + 2/(3*sqrt(pi))*x) / x^2", 8, "2^-200",
                "0.25 * (1 + 2^-10)")
    out.append(array("kErfE", ev, "E(w) ~ (erf(z)/z - 2/sqrt(pi) + 2w/(3 sqrt(pi))) / w^2, "
                     f"w = z^2 <= 1/4; rel. error 2^{e:.1f}"))
    for name, expression in CONSTANTS:
        hi, lo = split(constant(expression))
        out.append(f"// {expression} as a double-word\n"
                   f"RECTIFY_COEFFICIENTS double {name}[2] = {{{hi.hex()}, {lo.hex()}}};")
    out.append(cody_waite_ln2())
    # F(z) = exp(z^2) erfc(z) on [2^e, 2^(e+1)), e = -1..5 (the last cut at 43),
    # in v = (z - centre) / half, |v| <= 1.
    degree = 22
    pieces = [(0.5, 1), (1, 2), (2, 4), (4, 8), (8, 16), (16, 32), (32, 64)]
    table = [[None] * len(pieces) for _ in range(degree + 1)]
    notes = []
    for j, (a, b) in enumerate(pieces):
        centre, half = (a + b) / 2, (b - a) / 2
        top = min(b, 43.0)
        f = f"exp(({centre} + {half}*x)^2) * erfc({centre} + {half}*x)"
        coefficients, e = fit(f, degree, -1, (top - centre) / half * (1 + 2**-10))
        notes.append(f"//   [{a}, {top}): centre {centre}, half-width {half}, rel. error 2^{e:.1f}")
        for i, c in enumerate(coefficients):
            table[i][j] = c
    out.append("// F(z) = exp(z^2) erfc(z) on seven pieces z in [2^e, 2^(e+1)), e = -1..5 (cut at 43),\n"
               f"// each a degree-{degree} polynomial in v = (z - centre) / half-width:\n" + "\n".join(notes))
    out.append(f"inline constexpr int kErfcPieces = {len(pieces)};\ninline constexpr int kErfcDegree = {degree};")
    out.append("RECTIFY_COEFFICIENTS double kErfcCentre[8] = {" + ", ".join(hexd((a + b) / 2) for a, b in pieces) + ", 0};")
    out.append("RECTIFY_COEFFICIENTS double kErfcHalf[8] = {" + ", ".join(hexd((b - a) / 2) for a, b in pieces) + ", 1};")
    rows = []
    for i in range(degree + 1):
        rows.append("    {" + ", ".join(hexd(Decimal(c)) for c in table[i]) + ", 0}")
    out.append(f"// kErfcF[i][piece]: coefficient of v^i (rounded to double)\nRECTIFY_COEFFICIENTS double kErfcF[{degree + 1}][8] = {{\n" + ",\n".join(rows) + "};")
    los = []
    for i in range(2):
        los.append("    {" + ", ".join(split(table[i][j])[1].hex() for j in range(len(pieces))) + ", 0}")
    out.append("// low parts of the two leading coefficients (double-word c0, c1)\nRECTIFY_COEFFICIENTS double kErfcFLow[2][8] = {\n" + ",\n".join(los) + "};\n")
    out.append(erfc_f32())
    out.append(zero_expansions())
    out.append("}  // namespace rectify::smooth\n\n#endif  // RECTIFY_KERNELS_SMOOTH_COEFFICIENTS_H_\n")
    text = "\n".join(out)
    if len(sys.argv) > 1:
        open(sys.argv[1], "w").write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
