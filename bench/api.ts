/**
 * API throughput against the framework's floor, on one or more instances sharing one database file.
 *
 *   npm run bench:api [-- --instances 1,2 --seconds 5 --connections 20]
 *
 * For each instance count: starts that many `talking-library serve` processes (after `npm run
 * build`) on one seeded temp-file database (WAL), then for each route keeps `connections`
 * requests in flight, spread round-robin over the instances, for `seconds`. The floor is
 * `GET /v1/dev/clock`: a JSON answer through Hono and all our middleware that reads no database.
 * Prints requests per second, p50/p95 in milliseconds and the ratio to the floor, all from one
 * run. Issue 13's goal: the 12-card list at ≥ 0.5 of the floor.
 *
 * The load comes from this process, on the same cores as the servers: compare rows of one run
 * (the ratios), not figures across machines.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PUBLISHABLE_KEY } from '@talking-library/server';
import { startServeProcesses, stopServeProcesses, type ServeProcess } from '../test/helpers/serve-processes.js';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1,2' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
  },
});
const INSTANCE_COUNTS = values.instances.split(',').map(Number);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const GOAL_LIST_RATIO = 0.5;
const FLOOR_PATH = '/v1/dev/clock';


interface Route {
  name: string;
  request: (n: number) => { path: string; init?: RequestInit };
}

/** Keeps CONNECTIONS requests in flight for SECONDS; the latencies of those that finished, and any failures. */
async function drive(servers: ServeProcess[], route: Route): Promise<{ perSecond: number; p50: number; p95: number; failures: string }> {
  const latencies: number[] = [];
  const refused = new Map<number, number>();
  let n = 0;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const i = n++;
        const { path, init } = route.request(i);
        const started = performance.now();
        const res = await fetch(servers[i % servers.length]!.url + path, init);
        await res.arrayBuffer();
        if (res.status >= 400) refused.set(res.status, (refused.get(res.status) ?? 0) + 1);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const failures = [...refused].map(([status, count]) => `${count}×${status}`).join(' ') || '0';
  return { perSecond: latencies.length / SECONDS, p50: at(0.5), p95: at(0.95), failures };
}

const dir = await mkdtemp(join(tmpdir(), 'tl-bench-api-'));
try {
  const databaseUrl = `file:${join(dir, 'library.db')}`;
  const rows: string[][] = [];
  for (const count of INSTANCE_COUNTS) {
    const servers = await startServeProcesses(count, databaseUrl, { logs: !!process.env.BENCH_API_LOGS });
    const read = { headers: { 'x-tl-key': DEMO_PUBLISHABLE_KEY } };
    const list = await (await fetch(`${servers[0]!.url}/v1/libraries/demo/profiles?limit=12`, read)).json();
    const profileId = list.data[0].id as string;
    const session = await (await fetch(`${servers[0]!.url}/v1/libraries/demo/dev/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"as":"member"}' })).json();
    const routes: Route[] = [
      { name: `static JSON (${FLOOR_PATH}, the floor)`, request: () => ({ path: FLOOR_PATH }) },
      { name: 'the 12-card profile list', request: () => ({ path: '/v1/libraries/demo/profiles?limit=12', init: read }) },
      { name: 'one profile', request: () => ({ path: `/v1/libraries/demo/profiles/${profileId}`, init: read }) },
      { name: 'a search (q=data)', request: () => ({ path: '/v1/libraries/demo/profiles?q=data&limit=12', init: read }) },
      {
        name: 'a write (PATCH /me)',
        request: (n) => ({
          path: '/v1/libraries/demo/me',
          init: { method: 'PATCH', headers: { authorization: `Bearer ${session.sessionToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `Bench ${n % 100}` }) },
        }),
      },
    ];
    let floor = NaN;
    for (const route of routes) {
      const result = await drive(servers, route);
      if (Number.isNaN(floor)) floor = result.perSecond;
      const ratio = result.perSecond / floor;
      const goal = route.name.startsWith('the 12-card') ? (ratio >= GOAL_LIST_RATIO ? `goal ≥ ${GOAL_LIST_RATIO}: reached` : `goal ≥ ${GOAL_LIST_RATIO}: not reached`) : '';
      rows.push([String(count), route.name, result.perSecond.toFixed(0), result.p50.toFixed(1), result.p95.toFixed(1), ratio.toFixed(2), result.failures, goal]);
    }
    await stopServeProcesses(servers);
  }
  const header = ['instances', 'route', 'req/s', 'p50 ms', 'p95 ms', '× floor', '4xx/5xx', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  console.log(`api throughput  ${CONNECTIONS} in flight, ${SECONDS} s a route, \`serve\` processes on one database file (WAL)`);
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
} finally {
  await rm(dir, { recursive: true, force: true });
}
