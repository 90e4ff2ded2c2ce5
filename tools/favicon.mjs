// Writes the site's icon from one drawing: site/assets/favicon.svg (the icon browsers use) and
// site/assets/favicon.ico (32×32, a PNG inside an ICO, for the clients that ask /favicon.ico without
// reading the page: feed readers, bookmarks, older browsers). A white « P » on the site's accent
// colour, in a disc. Run again after changing the drawing:  node tools/favicon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const accent = [0x0b, 0x3a, 0x63];
const size = 32;
// The drawing, on a 32-unit grid: a disc, and a « P » (stem, then a bowl with its hole).
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#0b3a63"/><path fill="#fff" fill-rule="evenodd" d="M9 7h9a6 6 0 0 1 0 12h-4v6H9zM14 11v4h4a2 2 0 0 0 0-4z"/></svg>\n`;
const disc = (x, y) => (x - 16) ** 2 + (y - 16) ** 2 <= 256;
const letter = (x, y) => {
  const bowl = (r) => x > 18 && (x - 18) ** 2 + (y - 13) ** 2 <= r * r;
  const outer = (x >= 9 && x <= 14 && y >= 7 && y <= 25) || (x >= 9 && x <= 18 && y >= 7 && y <= 19) || bowl(6);
  const hole = (x >= 14 && x <= 18 && y >= 11 && y <= 15) || bowl(2);
  return outer && !hole;
};

// Each pixel sampled 4×4 times: the edges smoothed as the SVG's are.
const rows = [];
for (let y = 0; y < size; y++) {
  const row = [0];  // PNG filter: none
  for (let x = 0; x < size; x++) {
    let inDisc = 0, inLetter = 0;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const px = x + (i + 0.5) / 4, py = y + (j + 0.5) / 4;
        if (disc(px, py)) (letter(px, py) ? inLetter++ : inDisc++);
      }
    const alpha = (inDisc + inLetter) / 16;
    const white = alpha ? inLetter / (inDisc + inLetter) : 0;
    for (const c of accent) row.push(Math.round(c + (255 - c) * white));
    row.push(Math.round(alpha * 255));
  }
  rows.push(...row);
}

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
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr.set([8, 6, 0, 0, 0], 8);  // 8 bits, RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.from(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

// ICO: its header, one directory entry, the PNG.
const ico = Buffer.alloc(22);
ico.writeUInt16LE(0, 0);
ico.writeUInt16LE(1, 2);  // an icon
ico.writeUInt16LE(1, 4);  // one image
ico.set([size, size, 0, 0], 6);
ico.writeUInt16LE(1, 10);   // colour planes
ico.writeUInt16LE(32, 12);  // bits per pixel
ico.writeUInt32LE(png.length, 14);
ico.writeUInt32LE(22, 18);

const assets = new URL('../site/assets/', import.meta.url);
writeFileSync(new URL('favicon.svg', assets), svg);
writeFileSync(new URL('favicon.ico', assets), Buffer.concat([ico, png]));
