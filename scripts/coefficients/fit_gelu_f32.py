#!/usr/bin/env python3
"""Fits the f32 coefficient tables of the gelu f32-lane bodies (GeluLanes in
src/ops/gelu/gelu_lanes-inl.h; the tables live in gelu_f32_coefficients.h) with Sollya's fpminimax (relative error, single-precision
coefficients; DEFAULT's two leading ones as hi + lo pairs: 48 bits), and
rewrites the block between the GENERATED markers of the file given
(src/ops/gelu/gelu_f32_coefficients.h).

With a = |x|, E = exp(-a^2/2), Ft(a) = exp(a^2/2) erfc(a/sqrt 2)/2 (so that
Phi(-a) = E Ft(a)) and a0 the zero of gelu'(-a):
  G(a) = a Ft(a)                               (forward: x Phi(x) = -E G(a) for x < 0)
  K(a) = (Ft(a) - a/sqrt(2 pi)) / (a - a0)     (backward: gelu'(-a) = E (a - a0) K)
Eight pieces, by the binade of max(a, 1/8): slot = biased exponent & 7,
  slot 4: [0, 1/4) (centre 0), 5: [1/4, 1/2), 6: [1/2, 1), 7: [1, 2),
  0: [2, 4), 1: [4, 8), 2: [8, 16), 3: [16, 32) (cut at 20),
each a polynomial in v = a - centre (exact: centre = 3/4 of the binade's
top). Forward ranges stop at 14.5, backward at 20 (the clamps).
Degrees: DEFAULT 10 (G, K), FAST 8 (G) and 7 (K); override with
arguments like G:Fast:8.
Usage: scripts/coefficients/fit_gelu_f32.py [src/ops/gelu/gelu_f32_coefficients.h [KIND:TIER:DEGREE ...]]
(Debian's sollya; about a minute). FAST's e^r polynomial (gelu_lanes-inl.h,
kExpFast) is Sollya's
  fpminimax(exp(x), 6, [|1,SG...|], [-0.35;0.35], relative, floating)
with relative error 2^-28.0.
"""
import subprocess, sys, re

A0 = "0.75179152469356445745790494677952403966447115342345"
import math
def _binades(top):
    # slot = (biased exponent of max(a, 1/8)) & 7, binades of a; the first
    # piece [0, 1/4) centred at 0 (v = a exact everywhere).
    out = {4: (0, 0.25, 0)}
    for e in range(-2, 5 if top > 16 else 4):
        lo, hi = 2.0 ** e, min(2.0 ** (e + 1), top)
        out[(e + 127) & 7] = (lo, hi, 1.5 * 2.0 ** e)
    return out
FWD_MAX, BWD_MAX = 14.5, 20.0
PIECES = {("G", "Default"): _binades(FWD_MAX), ("K", "Default"): _binades(BWD_MAX),
          ("G", "Fast"): _binades(FWD_MAX), ("K", "Fast"): _binades(BWD_MAX)}

def sollya(script):
    r = subprocess.run(["sollya", "--warnonstderr"], input=script + "\nquit;\n",
                       capture_output=True, text=True, timeout=900)
    if r.returncode != 0 or "rror" in r.stderr:
        sys.exit("sollya failed:\n" + r.stderr + r.stdout)
    return [l.strip() for l in r.stdout.splitlines()
            if l.strip() and not l.startswith(("The precision", "Display mode"))]

def function(kind, tier, slot):
    ft = "exp(x^2/2)*erfc(x/sqrt(2))/2"
    if kind == "G":
        return f"x*{ft}"
    return f"({ft} - x/sqrt(2*pi))/(x - {A0})"

def fit(kind, tier, slot, degree):
    pair = tier == "Default"
    lo, hi, c = PIECES[(kind, tier)][slot]
    fmt = "[|48,48,SG...|]" if pair else "[|SG...|]"
    mono = str(degree)
    if lo == 0 and kind == "G":  # G(0) = 0: no constant term
        fmt = "[|48,SG...|]" if pair else "[|SG...|]"
        mono = "[|" + ",".join(str(i) for i in range(1, degree + 1)) + "|]"
    dom = f"[{lo - c};{hi - c}]"
    out = sollya(f"""prec=200; display=hexadecimal;
f = {function(kind, tier, slot)}; g = f(x + {c});
p = fpminimax(g, {mono}, {fmt}, {dom}, relative, floating);
print(round(log2(dirtyinfnorm(p/g - 1, {dom})), 24, RN));
for i from 0 to {degree} do {{ h = round(coeff(p, i), SG, RN); print(h); print(coeff(p, i) - h); }};
""")
    err = float.fromhex(out[0])
    co = [(out[1 + 2 * i], out[2 + 2 * i]) for i in range(degree + 1)]
    return err, co

def table(kind, tier, degree):
    rows, errs = {}, {}
    for slot in PIECES[(kind, tier)]:
        err, co = fit(kind, tier, slot, degree)
        rows[slot], errs[slot] = co, err
    return rows, errs

def fmt(v):
    return "0" if v in ("0", "0x0p+0", "0x0", "-0") else v + "f"

def emit(name, kind, tier, degree, rows, errs):
    pair = tier == "Default"
    top = FWD_MAX if kind == "G" else BWD_MAX
    lines = [f"// {name}: {'G' if kind == 'G' else 'K'} pieces, degree {degree}"
             f"{', coefficients 0 and 1 as hi + lo' if pair else ''}; relative error (Sollya dirtyinfnorm):"]
    pieces = PIECES[(kind, tier)]
    for slot in sorted(pieces, key=lambda s: pieces[s][0]):
        lo, hi, c = pieces[slot]
        lines.append(f"//   slot {slot}: [{lo:.4f}, {hi:.4f}) centre {c}: 2^{errs[slot]:.1f}")
    cen = [f"{float(pieces[s][2])}f" if s in rows else "0" for s in range(8)] + ["0"] * 8
    lines.append(f"alignas(64) inline constexpr float {name}Centre[16] = {{{', '.join(cen)}}};")
    lines.append(f"alignas(64) inline constexpr float {name}[{degree + 1}][16] = {{")
    for i in range(degree + 1):
        vals = [fmt(rows[s][i][0]) if s in rows else "0" for s in range(8)] + ["0"] * 8
        lines.append("    {" + ", ".join(vals) + "},")
    lines.append("};")
    if pair:
        lines.append(f"alignas(64) inline constexpr float {name}Lo[2][16] = {{")
        for i in range(2):
            vals = [fmt(rows[s][i][1]) if s in rows else "0" for s in range(8)] + ["0"] * 8
            lines.append("    {" + ", ".join(vals) + "},")
        lines.append("};")
    return "\n".join(lines)

def main():
    degs = {("G", "Default"): 10, ("K", "Default"): 10, ("G", "Fast"): 8, ("K", "Fast"): 7}
    for a in sys.argv[2:]:
        k, t, d = a.split(":")
        degs[(k, t)] = int(d)
    blocks = []
    for (kind, tier), degree in degs.items():
        rows, errs = table(kind, tier, degree)
        name = f"kGelu{'Value' if kind == 'G' else 'Slope'}{tier}"
        blocks.append(emit(name, kind, tier, degree, rows, errs))
        print(blocks[-1].split("\n")[0], max(errs.values()), file=sys.stderr)
    text = "\n".join(blocks)
    path = sys.argv[1] if len(sys.argv) > 1 else None
    if path:
        src = open(path).read()
        src = re.sub(r"(// BEGIN GENERATED by fit_gelu_f32.py\n).*?(// END GENERATED)",
                     lambda m: m.group(1) + text + "\n" + m.group(2), src, flags=re.S)
        open(path, "w").write(src)
    else:
        print(text)

if __name__ == "__main__":
    main()
