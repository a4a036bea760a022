/**
 * Gives the host a chance to run other work (paint, input) between batches.
 * A MessageChannel message, unlike setTimeout, is not clamped to 1 s in background
 * tabs, and unlike requestAnimationFrame it does not stop there; it exists in Node too.
 */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

export function yieldToHost(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node keeps the process alive while a port is referenced; the page does not care.
    (channel.port1 as unknown as { unref?: () => void }).unref?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}
