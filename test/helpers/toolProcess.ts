import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** A Staffroom tool running as its own operating-system process (`npm start` without the UI build). */
export interface ToolProcess {
  url: string;
  pid: number;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hooks, no graceful job stop, in-flight requests cut. Resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the graceful shutdown. */
  stop(): Promise<void>;
}

/** A free loopback port: a restarted process must serve the same URLs (the sandbox issuer and AGS URLs contain it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });

/**
 * Starts `lti-tool/src/main.ts` under tsx with the given environment (plus NODE_ENV=test, loopback host) and
 * resolves once it says it is listening. The environment is not inherited beyond PATH and HOME, so a
 * DATABASE_URL of the test run cannot leak into a process meant to use PGlite.
 */
export async function startToolProcess(env: Record<string, string>, readyWithinMs = 45_000): Promise<ToolProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lti-tool/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const gone = exited(child);

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tool process not ready within ${readyWithinMs} ms:\n${output}`)), readyWithinMs);
    const check = () => {
      const m = /Staffroom is running at (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void gone.then(() => {
      clearTimeout(timer);
      reject(new Error(`tool process exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`));
    });
  });

  return {
    url,
    pid: child.pid!,
    output: () => output,
    async kill9() {
      child.kill('SIGKILL');
      await gone;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
