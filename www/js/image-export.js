// Save image: a canvas of the page (the network diagram, the output plot) as a PNG for slides,
// on the panel's own background (the canvases are transparent) with a caption line under it.
// The README's pictures of the network and the plot are made by these buttons (readme.test.mjs).

/** Where the picture and its caption go in a frame, in CSS pixels (pure; `lineHeight` px text). */
export function imageFrame({ width, height }, lineHeight, padding = 12) {
  const w = Math.round(width + 2 * padding);
  const captionTop = Math.round(height + 2 * padding);
  return {
    width: w,
    height: captionTop + (lineHeight ? Math.round(lineHeight + padding) : 0),
    picture: { x: padding, y: padding, width, height },
    caption: { x: padding, y: captionTop + lineHeight * 0.8 },
  };
}

/**
 * A new canvas with `source`'s picture (its backing store: device pixels) on `background`, and
 * `caption` in `ink` under it. `ratio` is device pixels per CSS pixel (source.width / CSS width).
 */
export function composeImage(source, { background, ink, caption = '', ratio = 1, font = 'system-ui, sans-serif' }) {
  const size = { width: source.width / ratio, height: source.height / ratio };
  const lineHeight = caption ? 18 : 0;
  const frame = imageFrame(size, lineHeight);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(frame.width * ratio);
  canvas.height = Math.round(frame.height * ratio);
  const ctx = canvas.getContext('2d');
  ctx.scale(ratio, ratio);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, frame.width, frame.height);
  const p = frame.picture;
  ctx.drawImage(source, 0, 0, source.width, source.height, p.x, p.y, p.width, p.height);
  if (caption) {
    ctx.fillStyle = ink;
    ctx.font = `13px ${font}`;
    ctx.fillText(caption, frame.caption.x, frame.caption.y, p.width);
  }
  return canvas;
}

/** The canvas as PNG bytes (a Blob). */
export function pngBlob(canvas) {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the image could not be made'))), 'image/png');
  });
}
