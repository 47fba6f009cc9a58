import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the emulator saw. */
export interface S3Call {
  method: string;
  path: string;
}

/**
 * A tiny S3-compatible server for tests: path-style PUT, GET and DELETE of objects, kept in memory.
 * It does not check signatures (only that one is present), like a permissive MinIO in development.
 */
export async function startS3Emulator() {
  const objects = new Map<string, { body: Buffer; type: string | undefined }>();
  const calls: S3Call[] = [];
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://s3').pathname);
    calls.push({ method: req.method ?? '', path });
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'PUT') {
        objects.set(path, { body: Buffer.concat(chunks), type: req.headers['content-type'] });
        res.writeHead(200, { etag: '"emulated"' }).end();
      } else if (req.method === 'GET') {
        const o = objects.get(path);
        if (!o) {
          res.writeHead(404, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>missing</Message><Key>${path}</Key></Error>`);
          return;
        }
        res.writeHead(200, { 'content-type': o.type ?? 'application/octet-stream', 'content-length': String(o.body.length) }).end(o.body);
      } else if (req.method === 'DELETE') {
        objects.delete(path);
        res.writeHead(204).end();
      } else {
        res.writeHead(405).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
