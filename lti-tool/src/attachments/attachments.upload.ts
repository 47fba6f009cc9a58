import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';
import { fail, ok, type AttachmentResult } from './attachments.errors';

/** An upload that streamed in completely, waiting in a private temporary file to be checked. */
export interface ReceivedFile {
  tmpPath: string;
  sizeBytes: number;
  sha256: string;
  /** As the client sent it: untrusted, for display only after sanitising. */
  clientFilename: string | undefined;
}

// Room for the multipart boundaries and part headers around the file.
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Streams the single `file` part of a multipart/form-data request into `tmpDir` (mode 0600), hashing and
 * counting as it goes. The moment the file passes `maxBytes` the parse stops, the partial file is removed and
 * the result is `too_large`: nothing of it is kept. A Content-Length that cannot fit is refused before reading.
 */
export async function receiveUpload(req: Request, o: { maxBytes: number; tmpDir: string }): Promise<AttachmentResult<ReceivedFile>> {
  if (!req.is('multipart/form-data')) return fail({ kind: 'not_multipart' });
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > o.maxBytes + MULTIPART_OVERHEAD) return fail({ kind: 'too_large', maxBytes: o.maxBytes });

  // busboy reports 'limit' on reaching fileSize, so one byte more than allowed is what trips it.
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { files: 1, fileSize: o.maxBytes + 1, fields: 4, fieldSize: 1024, parts: 8, headerPairs: 32 } });
  } catch {
    return fail({ kind: 'malformed_upload', reason: 'the multipart boundary is missing' });
  }

  return new Promise((resolve) => {
    let settled = false;
    let tmpPath: string | null = null;
    let out: WriteStream | null = null;
    let written: Promise<{ sizeBytes: number; sha256: string; clientFilename: string | undefined }> | null = null;

    const settle = async (result: AttachmentResult<ReceivedFile>) => {
      if (settled) return;
      settled = true;
      if (!result.ok) {
        req.unpipe(parser);
        parser.removeAllListeners('close');
        if (out && !out.closed) {
          const closed = once(out, 'close').catch(() => undefined);
          out.destroy();
          await closed; // the file may still be opening: remove it only once the stream is done with it
        }
        if (tmpPath) await rm(tmpPath, { force: true });
      }
      resolve(result);
    };

    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || written) {
        stream.resume();
        void settle(fail({ kind: 'malformed_upload', reason: 'send exactly one file, in a part named “file”' }));
        return;
      }
      tmpPath = path.join(o.tmpDir, `${randomBytes(16).toString('hex')}.part`);
      const hash = createHash('sha256');
      let sizeBytes = 0;
      stream.on('data', (chunk: Buffer) => {
        sizeBytes += chunk.length;
        hash.update(chunk);
      });
      stream.on('limit', () => void settle(fail({ kind: 'too_large', maxBytes: o.maxBytes })));
      out = createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 });
      written = pipeline(stream, out).then(() => ({ sizeBytes, sha256: hash.digest('hex'), clientFilename: info.filename }));
      written.catch(() => undefined); // settled through 'close' or 'limit'
    });
    parser.on('filesLimit', () => void settle(fail({ kind: 'malformed_upload', reason: 'send exactly one file, in a part named “file”' })));
    parser.on('partsLimit', () => void settle(fail({ kind: 'malformed_upload', reason: 'too many parts' })));
    parser.on('error', () => void settle(fail({ kind: 'malformed_upload', reason: 'the multipart body is malformed or incomplete' })));
    parser.on('close', async () => {
      if (!written) return void settle(fail({ kind: 'malformed_upload', reason: 'no file part named “file”' }));
      try {
        const file = await written;
        await settle(ok({ tmpPath: tmpPath!, ...file }));
      } catch {
        await settle(fail({ kind: 'malformed_upload', reason: 'the file could not be received' }));
      }
    });
    req.on('aborted', () => void settle(fail({ kind: 'malformed_upload', reason: 'the connection closed before the file arrived' })));
    req.pipe(parser);
  });
}

/**
 * Middleware for upload routes whose answer may go out before the body is read. Refused uploads answer with
 * `Connection: close`, and Node ends the connection once the answer is written. Other early answers (no
 * session, unknown purpose) would keep the connection alive, and Node would read the whole body first however
 * large: instead, discard what arrives for `lingerMs` (so the client can read the answer) and then close.
 */
export function closeIfUnread(lingerMs = 2000) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.on('finish', () => {
      if (req.complete) return;
      req.resume();
      const timer = setTimeout(() => req.socket.destroy(), lingerMs);
      timer.unref();
      req.once('end', () => clearTimeout(timer));
    });
    next();
  };
}
