import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** An emulator app listening on a random loopback port. */
export interface Listening {
  url: string;
  stop(): Promise<void>;
}

/** Serves an Express app on 127.0.0.1 with a port the OS picks. */
export async function listenOnLoopback(app: Express): Promise<Listening> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
