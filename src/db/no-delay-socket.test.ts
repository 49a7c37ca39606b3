/**
 * The socket factory postgres.js connects through: it must do what postgres.js would — take
 * the URL's hosts in order, fail with the last error when none answers, give up after
 * connect_timeout — and leave Nagle's algorithm off.
 */
import net from 'node:net';
import { once } from 'node:events';
import { connectPostgres } from './database';
import { noDelaySocket } from './no-delay-socket';

async function listening(): Promise<{ server: net.Server; port: number; accepted: net.Socket[] }> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => accepted.push(s));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as net.AddressInfo).port, accepted };
}

async function closedPort(): Promise<number> {
  const { server, port } = await listening();
  server.close();
  await once(server, 'close');
  return port;
}

describe('noDelaySocket', () => {
  it('connects to the first host that answers, with TCP_NODELAY set', async () => {
    const refused = await closedPort();
    const { server, port, accepted } = await listening();
    const setNoDelay = jest.spyOn(net.Socket.prototype, 'setNoDelay');
    try {
      const socket = await noDelaySocket({ host: ['127.0.0.1', '127.0.0.1'], port: [refused, port] });
      expect(socket.remotePort).toBe(port);
      expect(setNoDelay.mock.calls).toContainEqual([true]);
      socket.destroy();
      expect(accepted).toHaveLength(1);
    } finally {
      setNoDelay.mockRestore();
      accepted.forEach((s) => s.destroy());
      server.close();
    }
  });

  it('fails with the last host\'s error when none answers', async () => {
    const [a, b] = [await closedPort(), await closedPort()];
    await expect(noDelaySocket({ host: ['127.0.0.1', '127.0.0.1'], port: [a, b] })).rejects.toMatchObject({ code: 'ECONNREFUSED', port: b });
  });

  it('connects over a Unix socket path', async () => {
    const path = `/tmp/no-delay-socket-${process.pid}.sock`;
    const server = net.createServer((s) => s.end());
    server.listen(path);
    await once(server, 'listening');
    try {
      const socket = await noDelaySocket({ host: [], port: [], path });
      const [data] = await Promise.all([once(socket, 'end').then(() => 'ended')]);
      expect(data).toBe('ended');
      socket.destroy();
    } finally {
      server.close();
    }
  });
});

(process.env.DATABASE_URL ? describe : describe.skip)('postgres.js through noDelaySocket', () => {
  it('queries PostgreSQL, also when the URL names an unreachable host first', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const refused = await closedPort();
    const multi = `postgres://${url.username ? `${url.username}@` : ''}127.0.0.1:${refused},${url.hostname}:${url.port || 5432}${url.pathname}`;
    const { client } = connectPostgres(multi, 1);
    try {
      const [row] = await client`SELECT 1 AS one`;
      expect(row).toEqual({ one: 1 });
    } finally {
      await client.end();
    }
  });
});
