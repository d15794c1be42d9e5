// Comparing two PNG screenshots pixel by pixel in the browser itself (both drawn into a canvas, read back with
// getImageData): the browser tests of captured pages measure how far a copy renders from its source.
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Largest share of pixels that may differ between the source and the capture. */
export const TOLERANCE = 0.005;
/** A pixel differs when one channel differs by more than this (anti-aliasing noise stays below). */
export const CHANNEL_THRESHOLD = 24;

export interface Diff {
  width: number;
  height: number;
  differing: number;
  ratio: number;
  box: [number, number, number, number] | null;
  sizeMismatch?: string;
}

/** `page` is a spare page of any context (it is navigated to about:blank). */
export async function diffScreenshots(page: Page, a: Buffer, b: Buffer): Promise<Diff> {
  await page.goto('about:blank');
  return page.evaluate(
    async ([pa, pb, threshold]) => {
      const load = (src: string) =>
        new Promise<HTMLImageElement>((resolve, reject) => {
          const img = new Image();
          img.onload = () => resolve(img);
          img.onerror = () => reject(new Error('image did not decode'));
          img.src = src;
        });
      const [ia, ib] = await Promise.all([load(`data:image/png;base64,${pa}`), load(`data:image/png;base64,${pb}`)]);
      const pixels = (img: HTMLImageElement) => {
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      };
      const width = ia.naturalWidth;
      const height = ia.naturalHeight;
      if (width !== ib.naturalWidth || height !== ib.naturalHeight) {
        return {
          width,
          height,
          differing: width * height,
          ratio: 1,
          box: null,
          sizeMismatch: `${width}×${height} vs ${ib.naturalWidth}×${ib.naturalHeight}`,
        };
      }
      const da = pixels(ia);
      const db = pixels(ib);
      let differing = 0;
      let box: [number, number, number, number] | null = null;
      for (let i = 0; i < da.length; i += 4) {
        if (
          Math.abs(da[i]! - db[i]!) > threshold ||
          Math.abs(da[i + 1]! - db[i + 1]!) > threshold ||
          Math.abs(da[i + 2]! - db[i + 2]!) > threshold ||
          Math.abs(da[i + 3]! - db[i + 3]!) > threshold
        ) {
          differing++;
          const x = (i / 4) % width;
          const y = Math.floor(i / 4 / width);
          box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y];
        }
      }
      return { width, height, differing, ratio: differing / (width * height), box };
    },
    [a.toString('base64'), b.toString('base64'), CHANNEL_THRESHOLD] as const,
  );
}

/**
 * Fresh tabs for screenshots, each in a context of its own with the same viewport, scale and reduced motion (so
 * two renders compare pixel for pixel); `close()` closes every context they were opened in.
 */
export class ScreenshotTabs {
  private readonly contexts: BrowserContext[] = [];
  private readonly browser: () => Browser;
  private readonly viewport: { width: number; height: number };

  constructor(browser: () => Browser, viewport: { width: number; height: number }) {
    this.browser = browser;
    this.viewport = viewport;
  }

  async open(): Promise<Page> {
    const context = await this.browser().newContext({ viewport: this.viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
    this.contexts.push(context);
    return context.newPage();
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => {})));
  }
}
