#!/usr/bin/python3
"""Writes the characters a font has, as ranges ("U+0020-007E,U+00A0-00FF,..."): the wasm
build runs it on the app's subset text face, and `logbook build` reads the list to know
which characters of the content need a fallback face.

    font-coverage.py FONT OUT"""
import sys

from fontTools.ttLib import TTFont

font, out = sys.argv[1], sys.argv[2]
points = sorted(TTFont(font).getBestCmap())
ranges = []
for cp in points:
    if ranges and cp == ranges[-1][1] + 1:
        ranges[-1][1] = cp
    else:
        ranges.append([cp, cp])
with open(out, "w", encoding="ascii") as f:
    f.write(",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in ranges) + "\n")
