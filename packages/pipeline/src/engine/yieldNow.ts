/**
 * Resolves after the event loop has turned, so that messages (a worker's
 * "cancel") and timers run. setImmediate in Node; a MessageChannel in
 * browsers, which, unlike setTimeout, is not clamped to 4 ms.
 */
export function yieldNow(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  if (typeof MessageChannel === "function") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
