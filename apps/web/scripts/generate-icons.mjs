// Writes the PWA icons (public/icons/*.png): a white check mark on the brand indigo, drawn pixel by pixel
// and encoded as PNG with node:zlib, so the icons are reproducible without an image tool.
// Usage: node apps/web/scripts/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, padding) {
  const bg = [79, 70, 229];
  const fg = [255, 255, 255];
  const rows = [];
  const inner = size * (1 - 2 * padding);
  const off = size * padding;
  // check mark: two thick segments in unit coordinates of the inner square
  const segs = [
    [0.22, 0.52, 0.42, 0.72],
    [0.42, 0.72, 0.8, 0.3],
  ];
  const thick = 0.09;
  const dist = (px, py, [x1, y1, x2, y2]) => {
    const dx = x2 - x1;
    const dy = y2 - y1;
    const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
  };
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5 - off) / inner;
      const v = (y + 0.5 - off) / inner;
      const onMark = u >= 0 && u <= 1 && v >= 0 && v <= 1 && segs.some((s) => dist(u, v, s) < thick);
      const [r, g, b] = onMark ? fg : bg;
      row.set([r, g, b, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(new URL('icon-192.png', out), png(192, 0.08));
writeFileSync(new URL('icon-512.png', out), png(512, 0.08));
writeFileSync(new URL('icon-maskable-512.png', out), png(512, 0.2));
process.stdout.write('wrote icon-192.png, icon-512.png, icon-maskable-512.png\n');
