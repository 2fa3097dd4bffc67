/* Photos made small before they travel: scaled to the long side the shop keeps and re-encoded
   as JPEG in the browser. Re-encoding through a canvas keeps only the pixels, so the camera's
   metadata (GPS position, serial numbers) never leaves the phone. The server still checks and
   re-encodes everything it receives; this only saves the producer's data and time. */

const QUALITY = 0.85;

/* A JPEG Blob of `file` no longer than `longSide` pixels; `file` itself when the browser cannot
   read it (HEIC in most browsers, a PDF): the server handles those. */
export async function shrinkPhoto(file, longSide) {
  if (!file || !file.type || !file.type.startsWith("image/") || !self.createImageBitmap) { return file; }
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch (error) {
    return file;
  }
  const ratio = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * ratio));
  const height = Math.max(1, Math.round(bitmap.height * ratio));
  let blob;
  try {
    if (self.OffscreenCanvas) {
      const canvas = new OffscreenCanvas(width, height);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
      blob = await canvas.convertToBlob({ type: "image/jpeg", quality: QUALITY });
    } else {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height;
      canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
      blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", QUALITY));
    }
  } finally {
    bitmap.close();
  }
  if (!blob) { return file; }
  const name = (file.name || "photo").replace(/\.[^.]*$/, "") + ".jpg";
  return new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified });
}
