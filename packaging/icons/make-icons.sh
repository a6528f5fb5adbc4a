#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates the committed icons from ledgerguard.svg: hicolor PNGs (16..512), ledgerguard.ico (Windows, PNG
# entries) and ledgerguard.icns (macOS, PNG entries). Needs rsvg-convert (Debian: librsvg2-bin) and python3.
# Run it after editing the SVG and commit the results; builds and CI only use the committed files.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" ledgerguard.svg -o "ledgerguard-$size.png"
done
rsvg-convert -w 1024 -h 1024 ledgerguard.svg -o "$tmp/ledgerguard-1024.png"

python3 - "$tmp" <<'PY'
import struct, sys, zlib
tmp = sys.argv[1]

def png(size):
    path = f"{tmp}/ledgerguard-1024.png" if size == 1024 else f"ledgerguard-{size}.png"
    with open(path, "rb") as f:
        return f.read()

def rgba(data):
    """Decodes an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes) to (width, height, rows of bytes)."""
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert (depth, colour, interlace) == (8, 6, 0), "expected 8-bit RGBA, non-interlaced"
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows

def dib(data):
    """A 32-bit BGRA icon bitmap (BITMAPINFOHEADER, bottom-up pixels, empty AND mask): read by every ICO reader."""
    width, height, rows = rgba(data)
    pixels = b"".join(bytes(v for px in zip(r[2::4], r[1::4], r[0::4], r[3::4]) for v in px) for r in reversed(rows))
    mask = bytes(((width + 31) // 32) * 4 * height)
    header = struct.pack("<IiiHHIIiiII", 40, width, 2 * height, 1, 32, 0, len(pixels) + len(mask), 0, 0, 0, 0)
    return header + pixels + mask

# ICO: header, one 16-byte directory entry per image, then the images: bitmaps up to 64 px (NSIS, rc.exe and old
# readers), PNG above (Windows Vista and later).
sizes = [16, 24, 32, 48, 64, 128, 256]
images = [dib(png(s)) if s <= 64 else png(s) for s in sizes]
offset = 6 + 16 * len(sizes)
ico = struct.pack("<HHH", 0, 1, len(sizes))
for s, data in zip(sizes, images):
    ico += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
    offset += len(data)
with open("ledgerguard.ico", "wb") as f:
    f.write(ico + b"".join(images))

# ICNS: 'icns' + total length, then (type, length including the 8-byte header, PNG data) per image.
types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024),
         ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512)]
body = b"".join(t.encode() + struct.pack(">I", 8 + len(png(s))) + png(s) for t, s in types)
with open("ledgerguard.icns", "wb") as f:
    f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
ls -l ledgerguard-*.png ledgerguard.ico ledgerguard.icns
