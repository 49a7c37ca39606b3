/**
 * The client address a request's per-address budget is charged to (src/http/rate-limit.ts).
 *
 * The socket's peer, unless that peer is one of TRUSTED_PROXIES (addresses or CIDR blocks;
 * default none). Only then is `X-Forwarded-For` read: walking it from the right, past the
 * trusted proxies that appended to it, the first address not trusted is the client. Entries
 * left of that one were written by the client itself and are never believed, so a client
 * cannot pick the address it is charged to. Without trusted proxies the header is ignored.
 */
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  /** Entries as validated by src/config.ts (`10.0.0.1`, `10.0.0.0/8`, `2001:db8::/32`). */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address!, family);
      else this.list.addSubnet(address!, Number(prefix), family);
    }
    this.size = entries.length;
  }

  has(address: string): boolean {
    const a = normalise(address);
    const family = isIP(a);
    if (!family) return false;
    return this.list.check(a, family === 6 ? 'ipv6' : 'ipv4');
  }
}

export function clientAddress(req: IncomingMessage, trusted: TrustedProxies | undefined): string {
  const peer = normalise(req.socket.remoteAddress ?? 'unknown');
  if (!trusted || trusted.size === 0 || !trusted.has(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : header ?? '')
    .split(',').map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalise(hops[i]!);
    // A malformed entry: the trusted proxies did not write it; charge the nearest one that did.
    if (!isIP(hop)) return i === hops.length - 1 ? peer : normalise(hops[i + 1]!);
    if (!trusted.has(hop)) return hop;
  }
  // Every hop is a trusted proxy: the leftmost is as far as anyone vouches.
  return hops.length ? normalise(hops[0]!) : peer;
}
