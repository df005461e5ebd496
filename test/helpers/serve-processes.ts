import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** `talking-library serve` as an operator runs it: the built CLI (`npm run build` first). */
const CLI = fileURLToPath(new URL('../../server/dist/cli.js', import.meta.url));

export interface ServeProcess {
  url: string;
  process: ChildProcess;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });

/**
 * `count` development `serve` processes on one database file, one after another (the first
 * migrates and seeds it; the rest find it ready), each answering health before the next starts.
 * Rate limits are lifted unless `env` sets them. Their logs are discarded, or go to this process's
 * output (`logs: 'show'`), or to a pipe this process reads and drops (`logs: 'pipe'`), as a
 * container's log collector would take them.
 */
export async function startServeProcesses(count: number, databaseUrl: string, options: { env?: Record<string, string>; logs?: 'show' | 'pipe' } = {}): Promise<ServeProcess[]> {
  const secretKey = randomBytes(32).toString('base64');
  const started: ServeProcess[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, 'serve'], {
      stdio: options.logs === 'show' ? ['ignore', 'inherit', 'inherit'] : options.logs === 'pipe' ? ['ignore', 'pipe', 'pipe'] : 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        SECRET_KEY: secretKey,
        RATE_LIMIT_READS_PER_MINUTE: '1000000000',
        RATE_LIMIT_WRITES_PER_MINUTE: '1000000000',
        RATE_LIMIT_SIGN_IN_PER_MINUTE: '1000000000',
        ...options.env,
      },
    });
    child.stdout?.resume();
    child.stderr?.resume();
    const url = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries++) {
      if (await fetch(`${url}/v1/health`).then((res) => res.ok, () => false)) break;
      if (tries > 300 || child.exitCode !== null) {
        await stopServeProcesses([...started, { url, process: child }]);
        throw new Error(`serve process ${i + 1} did not start (run \`npm run build\` first)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    started.push({ url, process: child });
  }
  return started;
}

export async function stopServeProcesses(processes: readonly ServeProcess[]): Promise<void> {
  await Promise.all(
    processes.map(({ process: child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }),
  );
}
