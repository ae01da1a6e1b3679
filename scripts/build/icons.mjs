// Draws the app icon (public/favicon.svg: a white phone on a blue rounded square) as the
// PNGs the web app manifest names. Run once when the icon changes:
//   node scripts/build/icons.mjs
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";

/** Coverage of the icon at (x, y) in the SVG's 32×32 units: 0 outside, 1 blue, 2 white. */
function paint(x, y) {
  const inRound = (x0, y0, x1, y1, r) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  if (!inRound(0, 0, 32, 32, 7)) return 0;
  const phone = inRound(9, 6, 23, 26, 2) && !(x >= 12 && x <= 20 && y >= 9 && y <= 21);
  return phone ? 2 : 1;
}

function png(size) {
  const blue = [0x25, 0x63, 0xeb];
  const n = 4; // samples per axis, for smooth edges
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let cover = 0, white = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const p = paint(((px + (sx + 0.5) / n) * 32) / size, ((py + (sy + 0.5) / n) * 32) / size);
          if (p) cover++;
          if (p === 2) white++;
        }
      const w = cover ? white / cover : 0;
      const o = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[o + c] = Math.round(blue[c] * (1 - w) + 255 * w);
      row[o + 3] = Math.round((255 * cover) / (n * n));
    }
    rows.push(row);
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(bytes) {
  let crc = ~0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

for (const size of [192, 512]) writeFileSync(`public/icon-${size}.png`, png(size));
