import type { Io } from "../io.js";

/**
 * A progress bar on stderr for a batch of reports, redrawn at most every
 * 100 ms when stderr is a terminal; messages (a report written, skipped or
 * failed) print above it. Off a terminal, only the messages print.
 */
export class ProgressBar {
  private readonly running = new Map<string, { fraction: number; phase: string }>();
  private finished = 0;
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly stream: Io["stderr"] & { columns?: number },
    private readonly total: number,
  ) {}

  private get live(): boolean {
    return this.stream.isTTY === true;
  }

  update(label: string, fraction: number, phase: string): void {
    this.running.set(label, { fraction, phase });
    const now = Date.now();
    if (this.live && now - this.lastDraw >= 100) {
      this.lastDraw = now;
      this.draw();
    }
  }

  /** A report is over (written, skipped or failed): print `message`, if any, above the bar. */
  done(label: string, message: string | null): void {
    this.running.delete(label);
    this.finished++;
    this.clear();
    if (message !== null) this.stream.write(message + "\n");
    if (this.live && this.finished < this.total) this.draw();
  }

  /** Removes the bar. */
  close(): void {
    this.clear();
  }

  private clear(): void {
    if (this.shown) this.stream.write("\r\x1b[2K");
    this.shown = false;
  }

  private draw(): void {
    const partial = [...this.running.values()].reduce((sum, r) => sum + r.fraction, 0);
    const fraction = Math.min(1, (this.finished + partial) / this.total);
    const width = 24;
    const full = Math.round(fraction * width);
    const current = [...this.running.entries()].map(([label, r]) => `${label}: ${r.phase}`).join(" · ");
    const line = `[${"█".repeat(full)}${"░".repeat(width - full)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${this.finished}/${this.total}  ${current}`;
    const columns = this.stream.columns ?? 100;
    this.stream.write(`\r\x1b[2K${line.length > columns - 1 ? line.slice(0, columns - 2) + "…" : line}`);
    this.shown = true;
  }
}
