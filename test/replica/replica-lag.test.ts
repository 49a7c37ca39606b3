/**
 * The staleness bound of src/db/replica-lag.ts, step by step with a manual clock and scripted
 * answers from the two servers (the real ones are in read-replica.test.ts).
 */
import type postgres from 'postgres';
import { parseLsn, ReplicaMonitor } from '../../src/db/replica-lag';

const SYSTEM = '7311111111111111111';

/** A stand-in for a postgres.js tagged template: answers with whatever `next` holds. */
function scripted<T>(initial: T) {
  const server = {
    next: initial as T | Error,
    sql: (async () => {
      if (server.next instanceof Error) throw server.next;
      return [server.next];
    }) as unknown as postgres.Sql,
  };
  return server;
}

function setup() {
  let now = 1_000_000;
  const primary = scripted({ lsn: '0/100', system: SYSTEM });
  const replica = scripted({ standby: true, lsn: '0/100' as string | null, system: SYSTEM });
  const monitor = new ReplicaMonitor({ primary: primary.sql, replica: replica.sql, maxLagMs: 5000, clock: () => now });
  return { monitor, primary, replica, advance: (ms: number) => { now += ms; } };
}

describe('WAL positions', () => {
  it('orders positions across the 4 GiB boundary and refuses what is not one', () => {
    expect(parseLsn('0/FFFFFFFF') < parseLsn('1/0')).toBe(true);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(() => parseLsn('16-B374D848')).toThrow('not a WAL position');
  });
});

describe('replica staleness bound', () => {
  it('is not usable before the first probe', () => {
    const { monitor } = setup();
    expect(monitor.status()).toMatchObject({ state: 'starting', serving: 'primary', lagMs: null });
  });

  it('counts staleness from the last primary position the replica has replayed, even between probes', async () => {
    const { monitor, primary, replica, advance } = setup();
    await monitor.probe();
    expect(monitor.status()).toMatchObject({ state: 'streaming', serving: 'replica', lagMs: 0 });

    // The primary moves on, the replica does not (replay paused, stream cut: the replica cannot tell).
    advance(1000);
    primary.next = { lsn: '0/200', system: SYSTEM };
    await monitor.probe();
    advance(3000);
    expect(monitor.status()).toMatchObject({ state: 'streaming', serving: 'replica', lagMs: 4000 });
    advance(1001);
    // No probe ran: the bound grew past 5 s by itself.
    expect(monitor.status()).toMatchObject({ state: 'lagging', serving: 'primary', lagMs: 5001 });
    expect(monitor.usable()).toBe(false);

    // Caught up to the position sampled 4001 ms ago while the primary moved on again: within
    // the bound, and no fresher than that sample.
    primary.next = { lsn: '0/300', system: SYSTEM };
    replica.next = { standby: true, lsn: '0/2FF', system: SYSTEM };
    await monitor.probe();
    expect(monitor.status()).toMatchObject({ state: 'streaming', serving: 'replica', lagMs: 4001 });
    // Past the newest sample too: as fresh as the probe itself.
    replica.next = { standby: true, lsn: '0/300', system: SYSTEM };
    await monitor.probe();
    expect(monitor.status()).toMatchObject({ state: 'streaming', serving: 'replica', lagMs: 0 });
  });

  it('sends reads to the primary when the replica is unreachable, promoted or another cluster', async () => {
    const { monitor, replica } = setup();
    await monitor.probe();
    replica.next = new Error('connect ECONNREFUSED 127.0.0.1:5433');
    await monitor.probe();
    expect(monitor.status()).toMatchObject({ state: 'unavailable', serving: 'primary', error: 'connect ECONNREFUSED 127.0.0.1:5433' });

    replica.next = { standby: false, lsn: '0/100', system: SYSTEM };
    await monitor.probe();
    expect(monitor.status()).toMatchObject({ state: 'not-a-replica', serving: 'primary', lagMs: null });

    replica.next = { standby: true, lsn: '0/900', system: '7322222222222222222' };
    await monitor.probe();
    expect(monitor.status()).toMatchObject({ state: 'not-a-replica', error: expect.stringContaining('another cluster') });
  });
});
