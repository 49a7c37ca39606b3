/**
 * A TCP proxy between the server and PostgreSQL that a test can cut: every connection is
 * destroyed and the port stops accepting, as when a network link or the database host drops.
 * `cutOn(pattern)` cuts at the moment a client message matching the pattern would be
 * forwarded (that message never arrives), so a cut lands at a known point of a request.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class CuttableProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private trigger: { pattern: RegExp; fired: () => void } | undefined;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  private accept(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {});
    }
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      if (this.trigger?.pattern.test(chunk.toString('latin1'))) {
        const { fired } = this.trigger;
        this.trigger = undefined;
        void this.cut().then(fired);
        return;
      }
      upstream.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  /** Resolves once a client message matching `pattern` has been swallowed and the link cut. */
  cutOn(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.trigger = { pattern, fired: resolve };
    });
  }

  /** Drops every connection but keeps accepting new ones (clients reconnect afresh). */
  async dropConnections(): Promise<void> {
    const closing = [...this.sockets].map((s) => new Promise<void>((resolve) => (s.destroyed ? resolve() : s.once('close', () => resolve()))));
    for (const s of this.sockets) s.destroy();
    await Promise.all(closing);
  }

  /** Drops every connection and refuses new ones until `start()` is called again. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
