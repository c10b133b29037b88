#!/usr/bin/env python3
"""Generate the demo cover images for the Wenming demo site.

Usage:
    python3 scripts/make-covers.py [OUTPUT_DIR]

Writes the 14 cover images named in the content (``covers/<name>.png``) as
640x360 RGB PNG files.  Without an argument they go to
``<repo>/content/media/covers/``, where ``<repo>`` is the parent of the folder
holding this script; with an argument, the PNG files are written directly into
OUTPUT_DIR.

Only the Python 3 standard library is used (zlib, struct).  The output is
fully deterministic: no randomness, no timestamps.  Running the script again
leaves identical files untouched.  One line is printed per cover.
"""

import math
import os
import struct
import sys
import zlib

W, H = 640, 360


# --------------------------------------------------------------------------
# colours and small helpers


def hexc(s):
    s = s.lstrip("#")
    return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))


def mix(c0, c1, t):
    return tuple(int(round(a + (b - a) * t)) for a, b in zip(c0, c1))


def clamp01(v):
    return 0.0 if v < 0.0 else (1.0 if v > 1.0 else v)


class Lcg:
    """Tiny deterministic pseudo-random sequence (independent of `random`)."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self):
        self.state = (self.state * 1664525 + 1013904223) & 0xFFFFFFFF
        return self.state >> 8

    def uniform(self, lo, hi):
        return lo + (hi - lo) * (self.next() / float(1 << 24))

    def pick(self, seq):
        return seq[self.next() % len(seq)]


# --------------------------------------------------------------------------
# signed distance functions (negative inside); coordinates are pixel centres


def sd_circle(cx, cy, r):
    def f(x, y):
        return math.hypot(x - cx, y - cy) - r
    return f


def sd_ring(cx, cy, r, width):
    half = width / 2.0

    def f(x, y):
        return abs(math.hypot(x - cx, y - cy) - r) - half
    return f


def sd_ellipse(cx, cy, rx, ry):
    m = min(rx, ry)

    def f(x, y):
        return (math.hypot((x - cx) / rx, (y - cy) / ry) - 1.0) * m
    return f


def sd_rrect(x0, y0, x1, y1, r=0.0):
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    hw, hh = (x1 - x0) / 2.0, (y1 - y0) / 2.0
    r = min(r, hw, hh)

    def f(x, y):
        qx = abs(x - cx) - hw + r
        qy = abs(y - cy) - hh + r
        outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
        inside = min(max(qx, qy), 0.0)
        return outside + inside - r
    return f


def sd_poly(points):
    """Convex polygon, any orientation."""
    pts = [(float(x), float(y)) for x, y in points]
    area = 0.0
    for i in range(len(pts)):
        x0, y0 = pts[i]
        x1, y1 = pts[(i + 1) % len(pts)]
        area += x0 * y1 - x1 * y0
    if area < 0:
        pts.reverse()
    edges = []
    for i in range(len(pts)):
        x0, y0 = pts[i]
        x1, y1 = pts[(i + 1) % len(pts)]
        dx, dy = x1 - x0, y1 - y0
        ln = math.hypot(dx, dy)
        # outward normal for a counter-clockwise polygon (y axis down)
        nx, ny = dy / ln, -dx / ln
        edges.append((nx, ny, nx * x0 + ny * y0))

    def f(x, y):
        return max(nx * x + ny * y - c for nx, ny, c in edges)
    return f


def sd_capsule(x0, y0, x1, y1, width):
    half = width / 2.0
    dx, dy = x1 - x0, y1 - y0
    ll = dx * dx + dy * dy or 1.0

    def f(x, y):
        t = clamp01(((x - x0) * dx + (y - y0) * dy) / ll)
        return math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) - half
    return f


def sd_union(*fs):
    def f(x, y):
        return min(g(x, y) for g in fs)
    return f


def sd_intersect(*fs):
    def f(x, y):
        return max(g(x, y) for g in fs)
    return f


def sd_subtract(a, b):
    def f(x, y):
        return max(a(x, y), -b(x, y))
    return f


# --------------------------------------------------------------------------
# canvas


class Canvas:
    def __init__(self, w=W, h=H):
        self.w, self.h = w, h
        self.rows = [bytearray(w * 3) for _ in range(h)]

    # backgrounds ------------------------------------------------------------

    def vgrad(self, stops):
        """Vertical gradient; stops is a list of (t, colour) with t in 0..1."""
        for y in range(self.h):
            t = y / (self.h - 1.0)
            c = stops[-1][1]
            for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
                if t0 <= t <= t1:
                    c = mix(c0, c1, (t - t0) / (t1 - t0) if t1 > t0 else 0.0)
                    break
            self.rows[y][:] = bytes(c) * self.w

    def dgrad(self, c0, c1, dx, dy):
        """Linear gradient along direction (dx, dy)."""
        corners = [0.0, dx * (self.w - 1), dy * (self.h - 1),
                   dx * (self.w - 1) + dy * (self.h - 1)]
        lo, hi = min(corners), max(corners)
        span = (hi - lo) or 1.0
        for y in range(self.h):
            row = self.rows[y]
            for x in range(self.w):
                c = mix(c0, c1, (dx * x + dy * y - lo) / span)
                i = 3 * x
                row[i], row[i + 1], row[i + 2] = c

    # primitives -------------------------------------------------------------

    def _blend(self, row, x, colour, a):
        i = 3 * x
        if a >= 1.0:
            row[i], row[i + 1], row[i + 2] = colour
        else:
            for k in range(3):
                v = row[i + k]
                row[i + k] = int(v + (colour[k] - v) * a + 0.5)

    def fill(self, sdf, bbox, colour, alpha=1.0):
        """Anti-aliased fill of the region sdf < 0 inside bbox (x0,y0,x1,y1)."""
        colour = hexc(colour) if isinstance(colour, str) else colour
        x0, y0, x1, y1 = bbox
        x0 = max(0, int(math.floor(x0)) - 1)
        y0 = max(0, int(math.floor(y0)) - 1)
        x1 = min(self.w, int(math.ceil(x1)) + 2)
        y1 = min(self.h, int(math.ceil(y1)) + 2)
        for y in range(y0, y1):
            row = self.rows[y]
            py = y + 0.5
            for x in range(x0, x1):
                cov = 0.5 - sdf(x + 0.5, py)
                if cov <= 0.0:
                    continue
                if cov > 1.0:
                    cov = 1.0
                self._blend(row, x, colour, cov * alpha)

    def rect(self, x0, y0, x1, y1, colour, alpha=1.0):
        """Axis-aligned rectangle on whole pixels (fast path)."""
        colour = hexc(colour) if isinstance(colour, str) else colour
        x0, x1 = max(0, int(x0)), min(self.w, int(x1))
        y0, y1 = max(0, int(y0)), min(self.h, int(y1))
        if x1 <= x0 or y1 <= y0:
            return
        if alpha >= 1.0:
            chunk = bytes(colour) * (x1 - x0)
            for y in range(y0, y1):
                self.rows[y][3 * x0:3 * x1] = chunk
        else:
            for y in range(y0, y1):
                row = self.rows[y]
                for x in range(x0, x1):
                    self._blend(row, x, colour, alpha)

    def rrect(self, x0, y0, x1, y1, r, colour, alpha=1.0):
        self.fill(sd_rrect(x0, y0, x1, y1, r), (x0, y0, x1, y1), colour, alpha)

    def circle(self, cx, cy, r, colour, alpha=1.0):
        self.fill(sd_circle(cx, cy, r), (cx - r, cy - r, cx + r, cy + r), colour, alpha)

    def ring(self, cx, cy, r, width, colour, alpha=1.0):
        e = r + width
        self.fill(sd_ring(cx, cy, r, width), (cx - e, cy - e, cx + e, cy + e), colour, alpha)

    def ellipse(self, cx, cy, rx, ry, colour, alpha=1.0):
        self.fill(sd_ellipse(cx, cy, rx, ry), (cx - rx, cy - ry, cx + rx, cy + ry), colour, alpha)

    def poly(self, points, colour, alpha=1.0):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        self.fill(sd_poly(points), (min(xs), min(ys), max(xs), max(ys)), colour, alpha)

    def line(self, x0, y0, x1, y1, width, colour, alpha=1.0):
        e = width / 2.0
        self.fill(sd_capsule(x0, y0, x1, y1, width),
                  (min(x0, x1) - e, min(y0, y1) - e, max(x0, x1) + e, max(y0, y1) + e),
                  colour, alpha)

    def polyline(self, pts, width, colour, alpha=1.0):
        segs = [sd_capsule(a[0], a[1], b[0], b[1], width) for a, b in zip(pts, pts[1:])]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        e = width / 2.0
        self.fill(sd_union(*segs), (min(xs) - e, min(ys) - e, max(xs) + e, max(ys) + e),
                  colour, alpha)

    def glow(self, cx, cy, r, colour, strength=0.5):
        """Soft radial glow, strongest in the centre."""
        colour = hexc(colour) if isinstance(colour, str) else colour
        x0, y0 = max(0, int(cx - r)), max(0, int(cy - r))
        x1, y1 = min(self.w, int(cx + r) + 1), min(self.h, int(cy + r) + 1)
        for y in range(y0, y1):
            row = self.rows[y]
            for x in range(x0, x1):
                d = math.hypot(x + 0.5 - cx, y + 0.5 - cy) / r
                if d < 1.0:
                    a = strength * (1.0 - d) * (1.0 - d)
                    if a > 0.004:
                        self._blend(row, x, colour, a)

    # encoding ---------------------------------------------------------------

    def png(self):
        stride = self.w * 3
        raw = bytearray()
        prev = bytearray(stride)
        for row in self.rows:
            sub = bytearray(stride)
            up = bytearray(stride)
            for i in range(stride):
                left = row[i - 3] if i >= 3 else 0
                sub[i] = (row[i] - left) & 0xFF
                up[i] = (row[i] - prev[i]) & 0xFF
            cost_sub = sum(v if v < 128 else 256 - v for v in sub)
            cost_up = sum(v if v < 128 else 256 - v for v in up)
            if cost_up <= cost_sub:
                raw.append(2)
                raw += up
            else:
                raw.append(1)
                raw += sub
            prev = row

        def chunk(kind, data):
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

        ihdr = struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------
# reusable motifs


def house(cv, x, base, w, h, wall, roof, door=None, window=None):
    cv.rect(x, base - h, x + w, base, wall)
    cv.poly([(x - 8, base - h + 1), (x + w / 2.0, base - h - w * 0.42), (x + w + 8, base - h + 1)], roof)
    if door:
        cv.rrect(x + w / 2.0 - 9, base - 34, x + w / 2.0 + 9, base, 3, door)
    if window:
        cv.rrect(x + 10, base - h + 14, x + 30, base - h + 32, 2, window)
        cv.rrect(x + w - 30, base - h + 14, x + w - 10, base - h + 32, 2, window)


def skyline(cv, seed, base, x0, x1, hmin, hmax, colour, wmin=26, wmax=60, windows=None,
            win_alpha=1.0):
    rnd = Lcg(seed)
    x = x0
    while x < x1:
        w = int(rnd.uniform(wmin, wmax))
        h = int(rnd.uniform(hmin, hmax))
        cv.rect(x, base - h, x + w - 2, base, colour)
        if windows:
            for wy in range(base - h + 10, base - 12, 14):
                for wx in range(x + 6, x + w - 10, 11):
                    if rnd.next() % 3 == 0:
                        cv.rect(wx, wy, wx + 5, wy + 7, windows, win_alpha)
        x += w


def tree(cv, x, base, h, r, leaf, trunk):
    cv.rect(x - 3, base - h, x + 3, base, trunk)
    cv.circle(x, base - h, r, leaf)


def star_pieces(cx, cy, r_out, r_in):
    """A five-pointed star as overlapping convex pieces (no AA seams)."""
    outer, inner = [], []
    for k in range(5):
        a = -math.pi / 2 + k * 2 * math.pi / 5
        b = a + math.pi / 5
        outer.append((round(cx + r_out * math.cos(a), 4), round(cy + r_out * math.sin(a), 4)))
        inner.append((round(cx + r_in * math.cos(b), 4), round(cy + r_in * math.sin(b), 4)))
    pieces = [sd_poly(inner)]
    for k in range(5):
        tip = outer[k]
        ia, ib = inner[k - 1], inner[k]
        # push the base a little into the centre pentagon so pieces overlap
        ea = (ia[0] + (ia[0] - tip[0]) * 0.15, ia[1] + (ia[1] - tip[1]) * 0.15)
        eb = (ib[0] + (ib[0] - tip[0]) * 0.15, ib[1] + (ib[1] - tip[1]) * 0.15)
        pieces.append(sd_poly([tip, ea, eb]))
    return sd_union(*pieces)


# --------------------------------------------------------------------------
# the covers


def city_meeting():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#FBF0DA")), (0.75, hexc("#F2C98A")), (1.0, hexc("#E9B06A"))])
    cv.glow(478, 112, 150, "#FFF6DE", 0.7)
    cv.circle(478, 112, 54, "#F6CF72")
    red, dark = hexc("#A8322D"), hexc("#7E221E")
    # civic hall: steps, columns, entablature, pediment
    cv.rect(150, 300, 490, 312, red)
    cv.rect(165, 290, 475, 300, red)
    cv.rect(180, 280, 460, 290, red)
    for i in range(6):
        x = 196 + i * 48
        cv.rect(x, 182, x + 18, 280, red)
    cv.rect(176, 166, 464, 182, red)
    cv.rect(184, 160, 456, 166, dark)
    cv.poly([(170, 160), (320, 98), (470, 160)], red)
    cv.circle(320, 138, 11, "#F6CF72")
    # flag
    cv.rect(318, 52, 321, 100, dark)
    cv.poly([(321, 52), (352, 58), (321, 66)], "#C8413A")
    cv.rect(0, 312, W, H, dark)
    for i in range(8):
        cv.rect(0, 322 + i * 5, W, 324 + i * 5, "#8E2B25", 0.6)
    return cv


def traffic_crossing():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#D6EAF7")), (0.62, hexc("#8DBCE2")), (0.62, hexc("#41505F")),
              (1.0, hexc("#2F3B48"))])
    skyline(cv, 7, 224, -10, W + 10, 40, 120, hexc("#A9CBE6"), windows=hexc("#C9E0F2"))
    cv.rect(0, 218, W, 224, "#6F8FAD")
    # zebra crossing in perspective
    for i in range(7):
        xa = 120 + i * 62
        xb = xa + 34
        cv.poly([(xa + 8, 244), (xb + 4, 244), (xb + (xb - 320) * 0.35, 346),
                 (xa + (xa - 320) * 0.35 - 4, 346)], "#F4F6F8")
    cv.rect(0, 236, W, 240, "#F4F6F8", 0.85)
    # traffic light
    cv.rect(552, 96, 560, 330, "#263240")
    cv.rrect(530, 40, 582, 170, 12, "#263240")
    cv.circle(556, 64, 13, "#6E3434")
    cv.circle(556, 105, 13, "#6E5A30")
    cv.glow(556, 146, 40, "#7CF0A4", 0.45)
    cv.circle(556, 146, 13, "#47D27F")
    return cv


def riverside_cleanup():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#EAF6EA")), (0.5, hexc("#CBE9D0")), (1.0, hexc("#9DD0A8"))])
    cv.glow(140, 86, 110, "#FFFBEA", 0.6)
    cv.circle(140, 86, 34, "#FBF1C8")
    cv.circle(120, 330, 190, "#8DC79A")
    cv.circle(470, 360, 230, "#78B888")
    cv.circle(640, 300, 150, "#6AAE7C")
    # river
    cv.poly([(285, 196), (355, 196), (640, 330), (640, 360), (40, 360)], "#5FA9C8")
    cv.poly([(300, 196), (345, 196), (520, 300), (150, 360), (110, 360)], "#6DB5D1")
    for (x0, y0, x1) in [(300, 220, 340), (262, 252, 330), (250, 292, 370), (200, 330, 300),
                         (390, 270, 450), (430, 320, 520)]:
        cv.line(x0, y0, x1, y0, 4, "#B8E0EE")
    # trees along the bank
    for x, h, r in [(70, 70, 26), (122, 52, 20), (520, 66, 28), (578, 88, 30), (612, 56, 20)]:
        tree(cv, x, 246, h, r, "#3E8E56", "#6B5A44")
    return cv


def elder_care():
    cv = Canvas()
    cv.dgrad(hexc("#FDEEE2"), hexc("#F2B7A3"), 0.6, 1.0)
    cv.glow(420, 150, 200, "#FFF7EC", 0.55)
    cv.circle(420, 150, 110, "#FBDCC8", 0.8)
    cv.rect(0, 300, W, H, "#E39E88")
    # bench
    cv.rrect(190, 252, 470, 262, 4, "#A85A45")
    cv.rect(206, 262, 214, 300, "#A85A45")
    cv.rect(446, 262, 454, 300, "#A85A45")
    # elder (left) and younger companion (right)
    cv.rrect(238, 168, 306, 262, 30, "#C3604C")
    cv.circle(272, 140, 26, "#C3604C")
    cv.line(214, 176, 222, 300, 6, "#8E4A39")          # walking stick
    cv.rrect(340, 150, 408, 262, 30, "#E08A6A")
    cv.circle(374, 118, 26, "#E08A6A")
    cv.line(306, 210, 342, 206, 14, "#D47A5E")         # joined hands
    # small heart
    heart = sd_union(sd_circle(305, 76, 11), sd_circle(323, 76, 11),
                     sd_poly([(295, 82), (333, 82), (314, 104)]))
    cv.fill(heart, (292, 64, 336, 106), "#D9534F")
    return cv


def library_reading():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#F6EEE1")), (1.0, hexc("#E4D2B6"))])
    palette = [hexc(c) for c in ("#2F7F86", "#D9A441", "#B5533C", "#2E4A6B", "#8DB38B", "#C98A6B")]
    rnd = Lcg(2026)
    shelf = hexc("#7A5A3E")
    for base in (120, 220, 320):
        x = 40
        while x < 430:
            w = int(rnd.uniform(14, 30))
            h = int(rnd.uniform(56, 84))
            if rnd.next() % 9 == 0:           # a gap, then a leaning book
                cv.poly([(x + 4, base), (x + 4 + w, base), (x + 30 + w, base - h + 6), (x + 30, base - h + 10)],
                        rnd.pick(palette))
                x += w + 34
                continue
            c = rnd.pick(palette)
            cv.rect(x, base - h, x + w, base, c)
            cv.rect(x + 3, base - h + 10, x + w - 3, base - h + 13, "#F6EEE1", 0.5)
            x += w + 2
        cv.rect(28, base, 448, base + 10, shelf)
    cv.rect(28, 14, 36, 330, shelf)
    cv.rect(440, 14, 448, 330, shelf)
    # round window and reading lamp
    cv.circle(548, 118, 64, "#BFDDE3")
    cv.ring(548, 118, 64, 8, "#7A5A3E")
    cv.rect(544, 58, 552, 178, "#7A5A3E")
    cv.rect(488, 114, 608, 122, "#7A5A3E")
    cv.glow(548, 262, 90, "#FFF3C4", 0.6)
    cv.poly([(516, 250), (580, 250), (566, 214), (530, 214)], "#2F7F86")
    cv.rect(545, 250, 551, 320, "#2E4A6B")
    cv.rrect(516, 316, 580, 326, 4, "#2E4A6B")
    return cv


def blood_donation():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#FEF3F1")), (1.0, hexc("#F5C6C1"))])
    cv.glow(250, 200, 200, "#FFFFFF", 0.5)
    drop = sd_union(sd_circle(250, 222, 78), sd_poly([(178, 190), (250, 62), (322, 190)]))
    cv.fill(drop, (170, 60, 330, 302), "#C7363A")
    cv.ellipse(220, 222, 16, 30, "#FFFFFF", 0.3)
    cv.circle(470, 140, 62, "#E66A6E")
    cv.rrect(458, 104, 482, 176, 5, "#FFFFFF")
    cv.rrect(434, 128, 506, 152, 5, "#FFFFFF")
    pulse = [(0, 318), (360, 318), (382, 290), (402, 344), (424, 300), (440, 318), (W, 318)]
    cv.polyline(pulse, 5, "#C7363A", 0.85)
    return cv


def model_award():
    cv = Canvas()
    cv.dgrad(hexc("#FFF5DA"), hexc("#EFC25E"), 0.3, 1.0)
    # sunburst rays behind the medal
    cx, cy = 320, 196
    for k in range(12):
        a = k * math.pi / 6
        b = a + math.pi / 18
        cv.poly([(cx, cy),
                 (round(cx + 420 * math.cos(a), 3), round(cy + 420 * math.sin(a), 3)),
                 (round(cx + 420 * math.cos(b), 3), round(cy + 420 * math.sin(b), 3))],
                "#FFFFFF", 0.22)
    # ribbon
    cv.poly([(262, 0), (312, 0), (344, 150), (300, 150)], "#B8322E")
    cv.poly([(328, 0), (378, 0), (340, 150), (296, 150)], "#D4483F")
    # medal
    cv.circle(cx, cy, 84, "#C88A1E")
    cv.circle(cx, cy, 74, "#E8B43A")
    cv.ring(cx, cy, 62, 3, "#FBE3A0")
    cv.fill(star_pieces(cx, cy + 2, 46, 19), (cx - 48, cy - 46, cx + 48, cy + 48), "#FFF1C4")
    return cv


def neighborhood_garden():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#EDF7E6")), (0.55, hexc("#D3ECC4")), (0.55, hexc("#AFD592")),
              (1.0, hexc("#95C677"))])
    cv.circle(560, 70, 30, "#FBEFC0")
    house(cv, 60, 198, 110, 86, hexc("#F4E4C8"), hexc("#9B6B4C"), hexc("#9B6B4C"), hexc("#BFDDE3"))
    house(cv, 230, 198, 130, 104, hexc("#EAD3B3"), hexc("#86573D"), hexc("#86573D"), hexc("#BFDDE3"))
    house(cv, 420, 198, 110, 80, hexc("#F1DDC4"), hexc("#9B6B4C"), hexc("#9B6B4C"), hexc("#BFDDE3"))
    for x in range(0, W, 22):                 # picket fence
        cv.rect(x, 186, x + 10, 214, "#FFFDF5")
    cv.rect(0, 194, W, 199, "#FFFDF5")
    # raised garden beds with plants and flowers
    rnd = Lcg(88)
    for bx0, by0, bx1, by1 in [(40, 236, 300, 280), (340, 236, 600, 280), (120, 298, 520, 342)]:
        cv.rrect(bx0, by0, bx1, by1, 10, "#7A5A3E")
        cv.rrect(bx0 + 6, by0 + 6, bx1 - 6, by1 - 6, 8, "#5E8E45")
        for x in range(bx0 + 22, bx1 - 14, 30):
            cv.circle(x, (by0 + by1) / 2.0, 11, "#8CC46A")
            if rnd.next() % 2:
                cv.circle(x + 12, by0 + 9, 5, rnd.pick([hexc("#F2B84B"), hexc("#E57B6E"), hexc("#F7F0E6")]))
    return cv


def practice_station():
    cv = Canvas()
    cv.dgrad(hexc("#FFF3DD"), hexc("#F5C784"), -0.4, 1.0)
    for k in range(5):
        cv.rect(0, 40 + k * 26, W, 48 + k * 26, "#FFFFFF", 0.25)
    # the station
    cv.rect(160, 130, 480, 300, "#FFF9EE")
    cv.rect(150, 112, 490, 134, "#B8322E")
    cv.poly([(140, 114), (320, 62), (500, 114)], "#C8413A")
    cv.rrect(292, 206, 348, 300, 6, "#B8322E")
    for x in (184, 238, 380, 434):
        cv.rrect(x, 160, x + 30, 200, 3, "#F2C14E")
    cv.rect(180, 228, 460, 234, "#E8A33C", 0.7)
    # flag pole and flag
    cv.rect(540, 60, 545, 300, "#7E221E")
    cv.poly([(545, 62), (604, 72), (545, 100)], "#D4483F")
    # people gathering in front
    for x, c in [(96, "#B8322E"), (128, "#E8A33C"), (512, "#C8413A"), (586, "#D98E3B")]:
        cv.circle(x, 262, 11, c)
        cv.rrect(x - 14, 276, x + 14, 312, 12, c)
    cv.rect(0, 300, W, H, "#D98E3B")
    cv.rect(0, 300, W, 306, "#B8322E")
    return cv


def school_safety():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#E1F0FB")), (0.7, hexc("#A8D0EF")), (0.7, hexc("#5B6878")),
              (1.0, hexc("#4A5666"))])
    cv.glow(86, 70, 100, "#FFF4C2", 0.6)
    cv.circle(86, 70, 32, "#F6C945")
    # school building with a clock tower
    cv.rect(130, 120, 510, 252, "#F6F1E7")
    cv.rect(270, 70, 370, 252, "#FBF8F1")
    cv.poly([(258, 72), (320, 28), (382, 72)], "#3D6FA8")
    cv.rect(122, 110, 518, 122, "#3D6FA8")
    cv.circle(320, 104, 18, "#3D6FA8")
    cv.circle(320, 104, 14, "#FFFFFF")
    cv.line(320, 104, 320, 94, 2.5, "#3D6FA8")
    cv.line(320, 104, 327, 106, 2.5, "#3D6FA8")
    for row in range(2):
        for col in range(4):
            for side in (150, 390):
                x = side + col * 28
                y = 140 + row * 50
                cv.rrect(x, y, x + 18, y + 30, 2, "#8BB8E0")
    cv.rrect(300, 196, 340, 252, 4, "#3D6FA8")
    # crossing in front of the school
    for i in range(9):
        x = 110 + i * 48
        cv.rect(x, 272, x + 26, 340, "#F4F6F8")
    # yellow warning sign
    cv.rect(576, 190, 582, 330, "#4A5666")
    cv.poly([(579, 128), (621, 170), (579, 212), (537, 170)], "#F6C945")
    cv.fill(sd_subtract(sd_poly([(579, 136), (613, 170), (579, 204), (545, 170)]),
                        sd_poly([(579, 140), (609, 170), (579, 200), (549, 170)])),
            (545, 136, 613, 204), "#4A5666")
    cv.circle(579, 160, 5, "#4A5666")
    cv.rrect(573, 168, 585, 190, 4, "#4A5666")
    return cv


def heritage_festival():
    cv = Canvas()
    cv.dgrad(hexc("#8A2326"), hexc("#D0553A"), 0.2, 1.0)
    # auspicious clouds along the bottom
    for cx, cy, r in [(60, 350, 70), (170, 362, 60), (300, 352, 74), (440, 366, 64), (570, 348, 80)]:
        for k in range(3):
            cv.ring(cx, cy, r - k * 18, 4, "#F2C14E", 0.35)
    # gate roof silhouette
    cv.poly([(150, 120), (490, 120), (540, 146), (100, 146)], "#5E1618")
    cv.rect(190, 146, 206, 260, "#5E1618")
    cv.rect(434, 146, 450, 260, "#5E1618")
    cv.rect(206, 168, 434, 178, "#5E1618")
    # string of lanterns
    pts = [(0, 40), (120, 62), (240, 74), (400, 74), (520, 62), (W, 40)]
    cv.polyline(pts, 2.5, "#F2C14E", 0.9)
    for x, y, s in [(80, 56, 1.0), (200, 70, 1.2), (320, 76, 1.4), (440, 70, 1.2), (560, 56, 1.0)]:
        rx, ry = 26 * s, 22 * s
        cy = y + 14 * s + ry
        cv.line(x, y, x, cy - ry, 2, "#F2C14E")
        cv.glow(x, cy, rx * 2.2, "#FFB347", 0.35)
        cv.rect(x - rx * 0.5, cy - ry - 6 * s, x + rx * 0.5, cy - ry + 2, "#F2C14E")
        cv.ellipse(x, cy, rx, ry, "#E6402F")
        cv.ellipse(x, cy, rx * 0.45, ry, "#F25C3F", 0.8)
        cv.rect(x - rx * 0.5, cy + ry - 2, x + rx * 0.5, cy + ry + 6 * s, "#F2C14E")
        cv.line(x, cy + ry + 6 * s, x, cy + ry + 26 * s, 3, "#F2C14E")
    return cv


def green_commute():
    cv = Canvas()
    cv.dgrad(hexc("#EEF8EA"), hexc("#B4DDAA"), 0.35, 1.0)
    cv.circle(530, 80, 36, "#FFF6CF")
    cv.circle(90, 300, 160, "#9FD08F")
    cv.circle(420, 330, 210, "#8CC57C")
    for x, h, r in [(70, 90, 30), (150, 70, 24), (600, 80, 28)]:
        tree(cv, x, 250, h, r, "#4E9A5F", "#6B5A44")
    cv.rect(0, 250, W, 320, "#6C7F73")
    for x in range(10, W, 70):
        cv.line(x, 285, x + 36, 285, 5, "#F4F6F0")
    cv.rect(0, 320, W, H, "#7DBB6E")
    # bicycle
    green = hexc("#245E3C")
    cv.ring(250, 210, 44, 7, green)
    cv.ring(400, 210, 44, 7, green)
    cv.circle(250, 210, 5, green)
    cv.circle(400, 210, 5, green)
    frame = [(250, 210), (316, 210), (290, 150), (250, 210)]
    cv.polyline(frame, 7, green)
    cv.polyline([(316, 210), (376, 150), (290, 150)], 7, green)
    cv.line(376, 150, 400, 210, 7, green)
    cv.line(376, 150, 370, 128, 6, green)
    cv.line(358, 126, 386, 126, 7, green)
    cv.line(290, 150, 284, 132, 6, green)
    cv.rrect(268, 124, 302, 134, 5, green)
    # a leaf (lens of two circles) with its vein
    cv.fill(sd_intersect(sd_circle(456, 106, 40), sd_circle(494, 154, 40)), (446, 100, 504, 160), "#4E9A5F")
    cv.line(458, 148, 492, 112, 2, "#D9F0D2")
    return cv


def mountain_rescue():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#D4E5F2")), (0.6, hexc("#EFE7DD")), (1.0, hexc("#F4E3CF"))])
    cv.glow(150, 110, 120, "#FFE7C8", 0.6)
    cv.circle(150, 110, 30, "#F7C896")
    cv.poly([(-60, 360), (170, 120), (400, 360)], "#8DA3BC")
    cv.poly([(130, 161), (170, 120), (210, 161), (190, 154), (170, 166), (150, 154)], "#F7FAFC")
    cv.poly([(200, 360), (430, 90), (700, 360)], "#6D84A0")
    cv.poly([(387, 140), (430, 90), (473, 140), (450, 132), (430, 146), (410, 132)], "#F7FAFC")
    cv.poly([(-40, 360), (80, 250), (260, 360)], "#4F6682")
    cv.poly([(420, 360), (590, 220), (760, 360)], "#4F6682")
    # dashed rescue trail
    trail = [(300, 352), (340, 300), (372, 268), (404, 220), (428, 170)]
    for (x0, y0), (x1, y1) in zip(trail, trail[1:]):
        cv.line(x0 + (x1 - x0) * 0.15, y0 + (y1 - y0) * 0.15,
                x0 + (x1 - x0) * 0.65, y0 + (y1 - y0) * 0.65, 5, "#F08A4B")
    # rescue badge
    cv.circle(560, 90, 44, "#E8743B")
    cv.ring(560, 90, 44, 5, "#FFFFFF", 0.8)
    cv.rrect(551, 64, 569, 116, 4, "#FFFFFF")
    cv.rrect(534, 81, 586, 99, 4, "#FFFFFF")
    return cv


def night_market():
    cv = Canvas()
    cv.vgrad([(0.0, hexc("#1C2245")), (0.7, hexc("#4A3A6B")), (1.0, hexc("#5A4272"))])
    cv.glow(530, 70, 90, "#F6E7C1", 0.35)
    cv.circle(530, 70, 26, "#F6E7C1")
    skyline(cv, 31, 250, -10, W + 10, 60, 170, hexc("#262B52"), windows=hexc("#F2B35E"),
            win_alpha=0.75)
    cv.rect(0, 250, W, H, "#151833")
    # stalls with striped awnings
    for i, (x, c) in enumerate([(40, "#D9534F"), (240, "#E8A33C"), (440, "#3FA7A0")]):
        cv.rect(x + 10, 226, x + 170, 310, "#2E335F")
        cv.glow(x + 90, 270, 100, "#FFC87A", 0.35)
        cv.rect(x + 24, 250, x + 156, 300, "#3A3F6E")
        for k in range(8):
            colour = c if k % 2 == 0 else "#F7EBDD"
            cv.rect(x + k * 22.5, 200, x + (k + 1) * 22.5, 226, colour)
            cv.circle(x + k * 22.5 + 11.25, 226, 11.25, colour)
        for k in range(3):
            cv.circle(x + 50 + k * 40, 292, 9, "#F2B35E", 0.9)
    # string lights
    pts = [(0, 150), (160, 176), (320, 186), (480, 176), (W, 150)]
    cv.polyline(pts, 2, "#8A7FA8")
    for t in range(1, 32):
        x = t * 20
        if x <= 160:
            y = 150 + (x / 160.0) * 26
        elif x <= 320:
            y = 176 + ((x - 160) / 160.0) * 10
        elif x <= 480:
            y = 186 - ((x - 320) / 160.0) * 10
        else:
            y = 176 - ((x - 480) / 160.0) * 26
        cv.glow(x, y + 5, 14, "#FFD27A", 0.5)
        cv.circle(x, y + 5, 3.5, "#FFE3A3")
    return cv


COVERS = [
    ("city-meeting.png", city_meeting),
    ("traffic-crossing.png", traffic_crossing),
    ("riverside-cleanup.png", riverside_cleanup),
    ("elder-care.png", elder_care),
    ("library-reading.png", library_reading),
    ("blood-donation.png", blood_donation),
    ("model-award.png", model_award),
    ("neighborhood-garden.png", neighborhood_garden),
    ("practice-station.png", practice_station),
    ("school-safety.png", school_safety),
    ("heritage-festival.png", heritage_festival),
    ("green-commute.png", green_commute),
    ("mountain-rescue.png", mountain_rescue),
    ("night-market.png", night_market),
]


def main(argv):
    if len(argv) > 2:
        sys.stderr.write("usage: make-covers.py [OUTPUT_DIR]\n")
        return 2
    if len(argv) == 2:
        out_dir = argv[1]
    else:
        repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        out_dir = os.path.join(repo, "content", "media", "covers")
    os.makedirs(out_dir, exist_ok=True)
    for name, draw in COVERS:
        data = draw().png()
        path = os.path.join(out_dir, name)
        try:
            with open(path, "rb") as f:
                same = f.read() == data
        except OSError:
            same = False
        if not same:
            tmp = path + ".tmp"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        print("%s  %dx%d  %d bytes  %s" % (path, W, H, len(data), "unchanged" if same else "written"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
