/** A URL where nothing listens: a port the system handed out and took back (not a fetch-blocked one like 9). */
import { createServer, type AddressInfo } from 'node:net';

export async function closedPortUrl(path = '/graphql'): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}${path}`;
}
