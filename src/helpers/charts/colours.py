"""How far apart two colours look, for every reader: CIEDE2000 colour difference (ΔE00) in normal
vision and in simulated deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009, full
severity, applied in linear RGB). The palettes of :mod:`helpers.charts.style` keep every two
colours of one chart at least :data:`MIN_DELTA_E` apart in all three (tests/test_colours.py, and
on the drawn charts, tests/test_site.py).
"""
from __future__ import annotations

import itertools
import math

#: the least difference between two colours of one chart (Okabe & Ito's palette reaches 11.6)
MIN_DELTA_E = 10.0
VISIONS = ("normal", "deuteranopia", "protanopia")
_MACHADO = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
}


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def rgb(colour: str) -> tuple[float, float, float]:
    """'#d55e00', 'rgb(213,94,0)' or 'rgba(…)' as sRGB in 0..1."""
    text = colour.strip().lower()
    if text.startswith("#") and len(text) in (4, 7):
        h = text[1:] if len(text) == 7 else "".join(ch * 2 for ch in text[1:])
        return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    if text.startswith(("rgb(", "rgba(")):
        parts = [float(p) for p in text[text.index("(") + 1:text.index(")")].split(",")[:3]]
        return tuple(p / 255 for p in parts)
    raise ValueError(f"not a colour this check reads: {colour!r}")


def simulate(colour: str, vision: str = "normal") -> tuple[float, float, float]:
    """The colour as a reader with this vision sees it (sRGB, 0..1)."""
    r = rgb(colour)
    if vision == "normal":
        return r
    lin = [_linear(c) for c in r]
    return tuple(_gamma(sum(m * c for m, c in zip(row, lin))) for row in _MACHADO[vision])


def lab(srgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = (_linear(c) for c in srgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(lab1, lab2) -> float:
    """The CIEDE2000 difference of two L*a*b* colours (Sharma, Wu & Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else ((h2p - h1p + 180) % 360) - 180
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h))


def delta_e(a: str, b: str, vision: str = "normal") -> float:
    """How different two colours look to a reader with this vision (ΔE00)."""
    return ciede2000(lab(simulate(a, vision)), lab(simulate(b, vision)))


def closest_pairs(colours) -> dict[str, tuple[float, str, str]]:
    """{vision: (ΔE00, colour, colour)} the closest two of these colours for each vision."""
    distinct = sorted({c.lower() for c in colours})
    out = {}
    for vision in VISIONS:
        pairs = [(delta_e(a, b, vision), a, b) for a, b in itertools.combinations(distinct, 2)]
        out[vision] = min(pairs) if pairs else (math.inf, "", "")
    return out
