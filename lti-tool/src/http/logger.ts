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

/**
 * An exception nothing caught, or a rejection nothing handled, becomes one fatal JSON line in the log pipeline (Node
 * would print a bare stack to stderr) and ends the process with exit code 1: its state is unknown, and the supervisor
 * starts a fresh one. Processes are stateless, so only the requests in flight are lost.
 */
export function exitOnCrash(logger: Logger): void {
  process.on('uncaughtException', (err, origin) => {
    logger.fatal({ err, origin }, 'process crashed; exiting so the supervisor starts a fresh one');
    process.exit(1); // pino's destination flushes synchronously on exit
  });
}
