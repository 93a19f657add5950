// Just enough PNG decoding (8-bit RGB/RGBA, non-interlaced, as Chromium writes them)
// to tell whether a screenshot shows anything and how two screenshots differ.
import { inflateSync } from "node:zlib";

export function decodePng(buf) {
  let pos = 8, width = 0, height = 0, channels = 4;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString("ascii", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      if (data[8] !== 8 || !channels || data[12]) throw new Error("unsupported PNG (expected 8-bit RGB/RGBA, not interlaced)");
    } else if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels, out = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; ++y) {
    const f = raw[y * (stride + 1)], src = y * (stride + 1) + 1, dst = y * stride;
    for (let x = 0; x < stride; ++x) {
      const a = x >= channels ? out[dst + x - channels] : 0, b = y ? out[dst - stride + x] : 0;
      const c = x >= channels && y ? out[dst - stride + x - channels] : 0;
      let v = raw[src + x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[dst + x] = v & 255;
    }
  }
  return { width, height, channels, pixels: out };
}

// Share of pixels that differ from the most common colour (the background).
export function inkRatio(png) {
  const { pixels, channels } = png, counts = new Map();
  const n = pixels.length / channels;
  for (let i = 0; i < n; i += 7) {
    const k = (pixels[i * channels] << 16) | (pixels[i * channels + 1] << 8) | pixels[i * channels + 2];
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  let bg = 0, most = 0;
  for (const [k, c] of counts) if (c > most) { most = c; bg = k; }
  let ink = 0;
  for (let i = 0; i < n; ++i) {
    const k = (pixels[i * channels] << 16) | (pixels[i * channels + 1] << 8) | pixels[i * channels + 2];
    if (k !== bg) ++ink;
  }
  return ink / n;
}

// Share of pixels that differ between two screenshots of one size.
export function difference(a, b) {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let diff = 0;
  const n = a.pixels.length / a.channels;
  for (let i = 0; i < n; ++i) {
    const p = i * a.channels, q = i * b.channels;
    if (a.pixels[p] !== b.pixels[q] || a.pixels[p + 1] !== b.pixels[q + 1] || a.pixels[p + 2] !== b.pixels[q + 2]) ++diff;
  }
  return diff / n;
}
