"""Simulated colour-vision deficiency (Machado et al. 2009, full severity) and CIE76 distance.

Written for the label-colour test: distinct colours must stay distinct for colour-blind
annotators."""

from __future__ import annotations

MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _lab(rgb_linear: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(max(c, 0.0), 1.0) for c in rgb_linear)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def seen_as(colour: str, deficiency: str | None) -> tuple[float, float, float]:
    rgb = tuple(_linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    if deficiency:
        rgb = tuple(
            sum(m * c for m, c in zip(row, rgb, strict=True)) for row in MACHADO[deficiency]
        )
    return _lab(rgb)


def distance(a: str, b: str, deficiency: str | None) -> float:
    la, lb = seen_as(a, deficiency), seen_as(b, deficiency)
    return sum((x - y) ** 2 for x, y in zip(la, lb, strict=True)) ** 0.5
