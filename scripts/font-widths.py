#!/usr/bin/env python3
"""Prints the advance widths (per 1,000 em) of Liberation Sans, the font Chromium on Linux
uses for Arial (its metrics are Arial's), for the characters chart text uses. The table in
src/core/chart/text.rs is this script's output: `python3 scripts/font-widths.py`."""
import struct, sys

EXTRA = "£–—…‘’“”·é≤≥↑↓→✓✗×°"

def widths(path, chars):
    data = open(path, "rb").read()
    n = struct.unpack(">H", data[4:6])[0]
    tables = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i: 28 + 16 * i])
        tables[tag.decode()] = (off, length)
    head = tables["head"][0]
    units = struct.unpack(">H", data[head + 18: head + 20])[0]
    hhea = tables["hhea"][0]
    n_metrics = struct.unpack(">H", data[hhea + 34: hhea + 36])[0]
    hmtx = tables["hmtx"][0]
    advance = [struct.unpack(">H", data[hmtx + 4 * i: hmtx + 4 * i + 2])[0] for i in range(n_metrics)]
    cmap = tables["cmap"][0]
    count = struct.unpack(">H", data[cmap + 2: cmap + 4])[0]
    sub = None
    for i in range(count):
        pid, eid, off = struct.unpack(">HHI", data[cmap + 4 + 8 * i: cmap + 12 + 8 * i])
        if pid == 3 and eid == 1:
            sub = cmap + off
    seg2 = struct.unpack(">H", data[sub + 6: sub + 8])[0]
    ends = sub + 14
    starts = ends + seg2 + 2
    deltas = starts + seg2
    ranges = deltas + seg2

    def glyph(c):
        code = ord(c)
        for s in range(seg2 // 2):
            end = struct.unpack(">H", data[ends + 2 * s: ends + 2 * s + 2])[0]
            if code > end:
                continue
            start = struct.unpack(">H", data[starts + 2 * s: starts + 2 * s + 2])[0]
            if code < start:
                return 0
            delta = struct.unpack(">h", data[deltas + 2 * s: deltas + 2 * s + 2])[0]
            ro = struct.unpack(">H", data[ranges + 2 * s: ranges + 2 * s + 2])[0]
            if ro == 0:
                return (code + delta) & 0xFFFF
            addr = ranges + 2 * s + ro + 2 * (code - start)
            g = struct.unpack(">H", data[addr: addr + 2])[0]
            return (g + delta) & 0xFFFF if g else 0
        return 0

    out = []
    for c in chars:
        g = glyph(c)
        w = advance[min(g, n_metrics - 1)] if g else None
        out.append(None if w is None else round(w * 1000 / units))
    return out

chars = [chr(c) for c in range(32, 127)] + list(EXTRA)
base = "/usr/share/fonts/truetype/liberation/"
for name, f in [("REGULAR", "LiberationSans-Regular.ttf"), ("BOLD", "LiberationSans-Bold.ttf")]:
    w = widths(base + f, chars)
    print(f"/// {name.title()} advance widths (1/1,000 em) of ' '..='~' then {EXTRA!r}; 0 = not in the font.")
    print(f"const {name}: [u16; {len(chars)}] = [")
    for i in range(0, len(w), 16):
        print("    " + ", ".join(str(x or 0) for x in w[i:i + 16]) + ",")
    print("];")
print(f"const EXTRA: &str = {EXTRA!r};".replace("'", '"'))
