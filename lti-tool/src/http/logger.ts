import pino, { type Logger } from 'pino';

/** How often buffered log lines are written out when traffic is too light to fill the buffer. */
const FLUSH_MS = 1000;

/**
 * The tool's logger: JSON lines to stdout through an asynchronous, buffered destination. A synchronous
 * destination costs one write(2) on the event loop per line (pino-http logs every request, four per launch);
 * buffered, a launch storm writes 4 KB at a time off the request path. Lines reach stdout within FLUSH_MS, and
 * pino flushes the buffer synchronously when the process exits (a `kill -9` loses at most that last second).
 */
export function createLogger(level: string): Logger {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), FLUSH_MS).unref();
  return pino({ level }, destination);
}
