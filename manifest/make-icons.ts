/**
 * Draws the two Teams app icons (color.png 192x192, outline.png 32x32) with Node alone and writes them
 * next to this file. The PNGs are committed; run `npx tsx manifest/make-icons.ts` after changing the glyph.
 *
 * The glyph is a round table: a table in the middle and eight seats around it.
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

/** The manifest's accentColor; Teams shows the colour icon on it, so the background matches. */
const ACCENT: Rgb = [0x2b, 0x5c, 0x8a];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const SEATS = 8;

type Rgb = [number, number, number];
/** Is the point (in pixel units, origin top left) inside the glyph? */
type Shape = (x: number, y: number) => boolean;

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const ring =
  (cx: number, cy: number, outer: number, inner: number): Shape =>
  (x, y) => {
    const d2 = (x - cx) ** 2 + (y - cy) ** 2;
    return d2 <= outer * outer && d2 >= inner * inner;
  };

/** Table plus seats, scaled to an icon of `size` pixels. Seat 0 sits at the top. */
function roundTable(size: number, table: Shape, seatDistance: number, seatRadius: number): Shape {
  const c = size / 2;
  const seats = Array.from({ length: SEATS }, (_, i) => {
    const angle = (2 * Math.PI * i) / SEATS - Math.PI / 2;
    return disc(c + seatDistance * Math.cos(angle), c + seatDistance * Math.sin(angle), seatRadius);
  });
  return (x, y) => table(x, y) || seats.some((seat) => seat(x, y));
}

/** Fraction of the pixel the shape covers, from a 4x4 grid of samples (edges come out smooth). */
function coverage(shape: Shape, px: number, py: number): number {
  const n = 4;
  let inside = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (shape(px + (i + 0.5) / n, py + (j + 0.5) / n)) inside++;
  return inside / (n * n);
}

/** RGBA pixels: white glyph over `background`, or over transparency when there is none. */
function render(size: number, shape: Shape, background?: Rgb): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const a = coverage(shape, x, y);
      const o = (y * size + x) * 4;
      if (background) {
        for (let k = 0; k < 3; k++) pixels[o + k] = Math.round(WHITE[k]! * a + background[k]! * (1 - a));
        pixels[o + 3] = 255;
      } else {
        // Outline icons are pure white; only the alpha varies.
        pixels.fill(255, o, o + 3);
        pixels[o + 3] = Math.round(255 * a);
      }
    }
  return pixels;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A minimal PNG: 8-bit RGBA, no interlace, every row with filter 0 (none). */
export function encodePng(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // colour type 6: RGBA
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Colour icon: a solid table; the outline icon uses a ring so it reads as a line drawing at 32 px.
const color = roundTable(192, disc(96, 96, 38), 66, 13);
const outline = roundTable(32, ring(16, 16, 7.5, 5.5), 12.5, 2.25);

writeFileSync(new URL('color.png', import.meta.url), encodePng(192, render(192, color, ACCENT)));
writeFileSync(new URL('outline.png', import.meta.url), encodePng(32, render(32, outline)));
console.log('Wrote manifest/color.png (192x192) and manifest/outline.png (32x32).');
