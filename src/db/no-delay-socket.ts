/**
 * The sockets postgres.js connects through, with Nagle's algorithm off (TCP_NODELAY).
 *
 * postgres.js leaves Nagle on. A COPY ends with a 5-byte CopyDone written after the data, and
 * Nagle holds a small segment until everything before it is acknowledged — which PostgreSQL,
 * having nothing to answer yet, delays by up to 40 ms. Seeding runs thousands of COPYs and
 * waited ~48 ms on each: a third of the time it took (50,000 subjects: 47 s → 28 s with this).
 * Every database client sets TCP_NODELAY for the same reason (libpq does).
 *
 * postgres.js calls `options.socket(options)` for a socket it treats as connected, so this
 * does what it would otherwise do itself: try the URL's hosts in order (or the Unix socket
 * path), within connect_timeout. TLS still starts inside postgres.js, over this socket.
 */
import net from 'node:net';

interface SocketOptions {
  host: readonly string[];
  port: readonly number[];
  path?: string | false;
  connect_timeout?: number;
}

function connectOne(target: net.NetConnectOpts, timeoutSeconds: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(target);
    socket.setNoDelay(true);
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(Object.assign(new Error(`connect timeout after ${timeoutSeconds} s`), { code: 'CONNECT_TIMEOUT' })), timeoutSeconds * 1000);
    socket.once('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

export async function noDelaySocket(options: SocketOptions): Promise<net.Socket> {
  const timeout = options.connect_timeout ?? 30;
  if (options.path) return connectOne({ path: options.path }, timeout);
  let last: Error | undefined;
  for (let i = 0; i < options.host.length; i++) {
    try {
      return await connectOne({ host: options.host[i]!, port: options.port[i] ?? options.port[0]! }, timeout);
    } catch (err) {
      last = err as Error;
    }
  }
  throw last ?? new Error('no database host to connect to');
}
