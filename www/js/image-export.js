// Save image: a canvas of the page (the network diagram, the output plot) as a PNG for slides,
// cropped to what is drawn, on the panel's own background (the canvases are transparent) with a
// caption under it. The README's pictures of the network and the plot are made by these buttons
// (tests/e2e/readme.test.mjs).

const PADDING = 12;
const LINE = 18;

/** The box around the pixels that are not transparent ({ x, y, width, height }), or null. */
export function contentBounds(rgba, width, height) {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (rgba[(y * width + x) * 4 + 3] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Caption parts joined with ' · ' into lines no wider than `max` (`measure` gives a width). */
export function captionLines(parts, max, measure) {
  const lines = [];
  for (const part of parts) {
    const joined = lines.length ? `${lines.at(-1)} · ${part}` : part;
    if (lines.length && measure(joined) <= max) lines[lines.length - 1] = joined;
    else lines.push(part);
  }
  return lines;
}

/** Where the picture and each caption line go, in CSS pixels. */
export function imageFrame({ width, height }, lines) {
  const captionTop = Math.round(height + 2 * PADDING);
  return {
    width: Math.round(width + 2 * PADDING),
    height: captionTop + (lines ? lines * LINE + PADDING : 0),
    picture: { x: PADDING, y: PADDING, width, height },
    lineY: (k) => captionTop + LINE * (k + 0.8),
  };
}

/**
 * A new canvas with what `source` shows (cropped to its drawn pixels) on `background`, and the
 * `caption` parts in `ink` under it. `ratio`: device pixels per CSS pixel of the source.
 */
export function composeImage(source, { background, ink, caption = [], ratio = 1, font = 'system-ui, sans-serif' }) {
  const pixels = source.getContext('2d').getImageData(0, 0, source.width, source.height).data;
  const crop = contentBounds(pixels, source.width, source.height) ?? { x: 0, y: 0, width: source.width, height: source.height };
  const size = { width: crop.width / ratio, height: crop.height / ratio };
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  ctx.font = `13px ${font}`;
  const lines = captionLines(caption, Math.max(size.width, 240), (t) => ctx.measureText(t).width);
  const frame = imageFrame({ width: Math.max(size.width, lines.length ? 240 : 0), height: size.height }, lines.length);
  canvas.width = Math.round(frame.width * ratio);
  canvas.height = Math.round(frame.height * ratio);
  ctx.scale(ratio, ratio);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, frame.width, frame.height);
  const x = frame.picture.x + (frame.picture.width - size.width) / 2;
  ctx.drawImage(source, crop.x, crop.y, crop.width, crop.height, x, frame.picture.y, size.width, size.height);
  ctx.fillStyle = ink;
  ctx.font = `13px ${font}`;
  lines.forEach((line, k) => ctx.fillText(line, frame.picture.x, frame.lineY(k)));
  return canvas;
}

/** The canvas as PNG bytes (a Blob). */
export function pngBlob(canvas) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the image could not be made'))), 'image/png');
  });
}
