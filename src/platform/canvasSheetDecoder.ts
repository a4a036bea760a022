/**
 * The fast path for sprite sheets: the browser's own PNG decoder. Read-back through a
 * canvas can be altered (colour management, anti-fingerprinting noise), which is why the
 * loader checks the result against the manifest and falls back to the pure decoder.
 */
import type { SheetDecoder } from '../ml/data/loader';
import { sheetToImages } from '../ml/data/sprite';

export const canvasSheetDecoder: SheetDecoder = {
  name: 'canvas',
  decode: async (png, sheet) => {
    const bitmap = await createImageBitmap(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
    try {
      if (bitmap.width !== sheet.width || bitmap.height !== sheet.height) {
        throw new Error(`sheet is ${bitmap.width}×${bitmap.height}, expected ${sheet.width}×${sheet.height}`);
      }
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d', { willReadFrequently: true, colorSpace: 'srgb' });
      if (!context) throw new Error('no 2D canvas context');
      context.drawImage(bitmap, 0, 0);
      const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      return sheetToImages(rgba, sheet, 4);
    } finally {
      bitmap.close();
    }
  },
};
