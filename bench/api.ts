/**
 * API throughput against the framework's floor, on one or more instances sharing one database file.
 *
 *   npm run bench:api [-- --instances 1,2 --seconds 6 --rounds 3 --connections 20 --logs discard|pipe|show]
 *
 * For each instance count: starts that many `talking-library serve` processes (after `npm run
 * build`) on one seeded temp-file database (WAL), then keeps `connections` requests in flight,
 * spread round-robin over the instances, on each route in turn. The floor is `GET /v1/dev/clock`:
 * a JSON answer through Hono and all our middleware that reads no database. Each route gets
 * `seconds` in all, in `rounds` slices taken in turn with every other route, so a busy moment on
 * this shared machine falls on all of them alike; a route's ratio to the floor is the median of
 * its rounds' ratios. Issue 13's goal: the 12-card list at ≥ 0.5 of the floor.
 *
 * Beside the rates, the servers' own CPU time per request (Linux: from /proc), which does not
 * depend on the load generator at all. The servers' logs are discarded; `--logs pipe` sends them
 * down a pipe this process drains, as a container's log collector takes them, which is what the
 * request log costs in production.
 *
 * The load comes from this process, on the same cores as the servers, so its client is as light
 * as autocannon's: plain HTTP/1.1 over kept-alive connections, asking for gzip as browsers do (the
 * server does a browser's work) and counting the bytes without decoding them. With `fetch`, which
 * inflates every answer, the bench's own process set the pace on the list: it spent twice the CPU
 * per list that it spent per floor request, on the same cores as the server.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PUBLISHABLE_KEY } from '@talking-library/server';
import { startServeProcesses, stopServeProcesses, type ServeProcess } from '../test/helpers/serve-processes.js';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1,2' },
    seconds: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    logs: { type: 'string', default: process.env.BENCH_API_LOGS ? 'show' : 'discard' },
  },
});
const INSTANCE_COUNTS = values.instances.split(',').map(Number);
const ROUNDS = Number(values.rounds);
const SLICE_SECONDS = Number(values.seconds) / ROUNDS;
const CONNECTIONS = Number(values.connections);
const GOAL_LIST_RATIO = 0.5;
const FLOOR_PATH = '/v1/dev/clock';
if (!['discard', 'pipe', 'show'].includes(values.logs)) throw new Error(`--logs is discard, pipe or show, not ${values.logs}`);
const LOGS = values.logs === 'discard' ? undefined : (values.logs as 'pipe' | 'show');

interface Call {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Route {
  name: string;
  call: (n: number) => Call;
}

interface Slice {
  requests: number;
  latencies: number[];
  refused: Map<number, number>;
  /** The servers' CPU time over the slice, in ms; undefined where /proc is not there to read. */
  serverCpuMs: number | undefined;
}

/** One request on a kept-alive connection; resolves with the status once the body is drained. */
function send(agent: Agent, server: URL, call: Call): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: server.hostname, port: server.port, path: call.path, method: call.method ?? 'GET', agent, headers: { 'accept-encoding': 'gzip', ...call.headers } },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(call.body);
  });
}

/** A process's CPU time so far (user and system), in ms; undefined off Linux. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks: 100 a second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

const serversCpuMs = (servers: ServeProcess[]) => {
  const each = servers.map((server) => cpuMs(server.process.pid));
  return each.some((ms) => ms === undefined) ? undefined : each.reduce((sum: number, ms) => sum + ms!, 0);
};

/** Keeps CONNECTIONS requests in flight for one slice. */
async function drive(servers: ServeProcess[], agents: Agent[], route: Route): Promise<Slice> {
  const urls = servers.map((server) => new URL(server.url));
  const slice: Slice = { requests: 0, latencies: [], refused: new Map(), serverCpuMs: undefined };
  const cpuBefore = serversCpuMs(servers);
  let n = 0;
  const until = performance.now() + SLICE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const i = n++;
        const started = performance.now();
        const status = await send(agents[i % servers.length]!, urls[i % servers.length]!, route.call(i));
        if (status >= 400) slice.refused.set(status, (slice.refused.get(status) ?? 0) + 1);
        slice.latencies.push(performance.now() - started);
      }
    }),
  );
  const cpuAfter = serversCpuMs(servers);
  slice.requests = slice.latencies.length;
  slice.serverCpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return slice;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dir = await mkdtemp(join(tmpdir(), 'tl-bench-api-'));
try {
  const databaseUrl = `file:${join(dir, 'library.db')}`;
  const rows: string[][] = [];
  for (const count of INSTANCE_COUNTS) {
    const servers = await startServeProcesses(count, databaseUrl, LOGS ? { logs: LOGS } : {});
    const agents = servers.map(() => new Agent({ keepAlive: true, maxSockets: CONNECTIONS }));
    const key = { 'x-tl-key': DEMO_PUBLISHABLE_KEY };
    const list = await (await fetch(`${servers[0]!.url}/v1/libraries/demo/profiles?limit=12`, { headers: key })).json();
    const profileId = list.data[0].id as string;
    const session = await (await fetch(`${servers[0]!.url}/v1/libraries/demo/dev/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"as":"member"}' })).json();
    const routes: Route[] = [
      { name: `static JSON (${FLOOR_PATH}, the floor)`, call: () => ({ path: FLOOR_PATH }) },
      { name: 'the 12-card profile list', call: () => ({ path: '/v1/libraries/demo/profiles?limit=12', headers: key }) },
      { name: 'one profile', call: () => ({ path: `/v1/libraries/demo/profiles/${profileId}`, headers: key }) },
      { name: 'a search (q=data)', call: () => ({ path: '/v1/libraries/demo/profiles?q=data&limit=12', headers: key }) },
      {
        name: 'a write (PATCH /me)',
        call: (n) => ({
          path: '/v1/libraries/demo/me',
          method: 'PATCH',
          headers: { authorization: `Bearer ${session.sessionToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Bench ${n % 100}` }),
        }),
      },
    ];
    // A first slice of each route warms its caches and the JIT; it is not counted.
    for (const route of routes) await drive(servers, agents, { ...route });
    const slices = routes.map((): Slice[] => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, route] of routes.entries()) slices[i]!.push(await drive(servers, agents, route));
    }
    const floor = slices[0]!;
    for (const [i, route] of routes.entries()) {
      const own = slices[i]!;
      const requests = own.reduce((sum, slice) => sum + slice.requests, 0);
      const latencies = own.flatMap((slice) => slice.latencies).sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
      const ratio = median(own.map((slice, round) => slice.requests / floor[round]!.requests));
      const cpu = own.every((slice) => slice.serverCpuMs !== undefined) ? (own.reduce((sum, slice) => sum + slice.serverCpuMs!, 0) / requests) * 1000 : undefined;
      const refused = new Map<number, number>();
      for (const slice of own) for (const [status, n] of slice.refused) refused.set(status, (refused.get(status) ?? 0) + n);
      const failures = [...refused].map(([status, n]) => `${n}×${status}`).join(' ') || '0';
      const goal = route.name.startsWith('the 12-card') ? `goal ≥ ${GOAL_LIST_RATIO}: ${ratio >= GOAL_LIST_RATIO ? 'reached' : 'not reached'}` : '';
      const perSecond = requests / (SLICE_SECONDS * ROUNDS);
      rows.push([String(count), route.name, perSecond.toFixed(0), at(0.5).toFixed(1), at(0.95).toFixed(1), ratio.toFixed(2), cpu === undefined ? '–' : cpu.toFixed(0), failures, goal]);
    }
    for (const agent of agents) agent.destroy();
    await stopServeProcesses(servers);
  }
  const header = ['instances', 'route', 'req/s', 'p50 ms', 'p95 ms', '× floor', 'server µs CPU/req', '4xx/5xx', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  console.log(`api throughput  ${CONNECTIONS} in flight, ${ROUNDS} rounds of ${SLICE_SECONDS.toFixed(1)} s a route, \`serve\` processes on one database file (WAL), logs: ${values.logs}; × floor: median of the rounds`);
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
} finally {
  await rm(dir, { recursive: true, force: true });
}
