/**
 * Emits signed checkpoints of the access log every `intervalMs` and after every `rows` rows
 * this instance appended: to a JSON Lines file (ACCESS_LOG_CHECKPOINT_FILE), to the
 * structured log (so a log shipper carries it off the machine), and to the database.
 * A checkpoint that cannot be written is logged as an error and retried at the next turn;
 * it never holds up a request.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Db } from '../db/database';
import { outsideRequest } from '../db/outside-request';
import { accessLogCheckpoints } from '../db/schema';
import type { Logger } from '../logger';
import { readLogHead, signCheckpoint, type Checkpoint, type LogHead } from './checkpoint';

export interface CheckpointSettings {
  /** JSON Lines file the checkpoints are appended to; undefined: the log and the database only. */
  file: string | undefined;
  intervalMs: number;
  rows: number;
}

export class AccessLogCheckpointer {
  private timer: NodeJS.Timeout | undefined;
  private rowsSince = 0;
  private lastSigned: LogHead | undefined;
  private running: Promise<Checkpoint | undefined> | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly keys: { signing: KeyObject; verifying: KeyObject },
    private readonly settings: CheckpointSettings,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.checkpoint(), this.settings.intervalMs);
    this.timer.unref();
  }

  /** Told by the writer after each committed append. */
  noteAppended(rows: number): void {
    this.rowsSince += rows;
    if (this.rowsSince >= this.settings.rows) void this.checkpoint();
  }

  /** Stops the timer and writes a last checkpoint (graceful shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.checkpoint();
  }

  /** Signs the current head unless nothing was added since the last one; one at a time. */
  checkpoint(): Promise<Checkpoint | undefined> {
    // Set off by a request's append (noteAppended), but not that request's work: reading the
    // log's head may take longer than any request may, and must not count as its statements.
    this.running ??= outsideRequest(() => this.emit()).finally(() => (this.running = undefined));
    return this.running;
  }

  private async emit(): Promise<Checkpoint | undefined> {
    try {
      const head = await readLogHead(this.db(), this.lastSigned);
      if (!head || head.lastSeq === this.lastSigned?.lastSeq) return undefined;
      this.rowsSince = 0;
      const checkpoint = signCheckpoint(this.keys.signing, { ...head, at: this.now().toISOString() }, this.keys.verifying);
      this.logger.info({ event: 'access_log_checkpoint', checkpoint }, 'access log checkpoint');
      if (this.settings.file) {
        await mkdir(dirname(this.settings.file), { recursive: true });
        await appendFile(this.settings.file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o640 });
      }
      await this.db().insert(accessLogCheckpoints).values({ ...checkpoint, at: new Date(checkpoint.at) });
      this.lastSigned = head;
      return checkpoint;
    } catch (err) {
      this.logger.error({ err }, 'access log checkpoint could not be written; retrying at the next turn');
      return undefined;
    }
  }
}
