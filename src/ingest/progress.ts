/**
 * Progress of a long import on stderr: on a terminal one line rewritten in place (rows, rows/s,
 * share of the file read and ETA from its size); otherwise — a log file, CI — one line every
 * `everySeconds`, so the log shows the run is alive without flooding it.
 */
export interface ProgressSnapshot {
  readonly rows: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** The progress text: rows, rate, percentage of the file and ETA. */
export function progressText(p: ProgressSnapshot, seconds: number): string {
  const rate = seconds > 0 ? p.rows / seconds : 0;
  const share = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : 0;
  const eta = share > 0 ? (seconds / share) * (1 - share) : Number.NaN;
  return `${fmt(p.rows)} rows  ${fmt(rate)} rows/s  ${(share * 100).toFixed(1)}%  ETA ${duration(eta)}`;
}

export class ProgressLine {
  private readonly started = Date.now();
  private last = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly everySeconds: number,
  ) {}

  update(p: ProgressSnapshot): void {
    const now = Date.now();
    const tty = Boolean(this.out.isTTY);
    if (now - this.last < (tty ? 200 : this.everySeconds * 1000)) return;
    this.last = now;
    const text = progressText(p, (now - this.started) / 1000);
    this.out.write(tty ? `\r${text}\u001b[K` : `${new Date(now).toISOString()} ${text}\n`);
  }

  done(): void {
    if (this.out.isTTY && this.last) this.out.write('\r\u001b[K');
  }
}
