import type { Knex } from 'knex';

/** A statement's text as PostgreSQL gets it (`$n` placeholders) and where each `$n` takes its value from. */
interface Compiled {
  text: string;
  sql: string;
  /** Named bindings: the key of each `$n` in order (a key used twice fills two `$n`, as in knex). Null: positional. */
  keys: string[] | null;
  count: number;
}

// Each name must always stand for one text: node-postgres keeps a connection's parsed statements by name and
// refuses a known name with another text only when that connection happens to have it, so check it everywhere.
// The compiled form is kept with it, so knex's binding parse runs once per name, not per call.
const statements = new Map<string, Compiled>();
let queryUid = 0;

/**
 * Runs `text` (with `?` placeholders, or `:name` placeholders and a bindings object, as `knex.raw`) as a named
 * prepared statement on PostgreSQL: each connection parses and analyses it once, and PostgreSQL may reuse a generic
 * plan after five executions, so hot statements skip most of their per-call planning. The text is turned into
 * `$n` form once per name (knex would redo that on every call) and sent on the pg connection knex hands out, so
 * inside a transaction it runs on the transaction's own connection; knex's `query`, `query-response` and
 * `query-error` events are still emitted. On PGlite it goes through `knex.raw` (the name is ignored there).
 * `name` must be unique per text across the process (throws otherwise); keep texts constant (no interpolated
 * values) and bindings plain values (no knex raw or builders). Name only hot statements: each costs server memory
 * per connection. Prepared statements belong to a server session, so a pooler in front of PostgreSQL must keep
 * sessions (PgBouncer's transaction mode needs 1.21+ with `max_prepared_statements`). Select named columns, not
 * `*`: a later migration would change a prepared result's shape.
 */
export async function preparedQuery<Row = Record<string, unknown>>(db: Knex | Knex.Transaction, name: string, text: string, values: readonly Knex.RawBinding[] | Knex.ValueDict): Promise<Row[]> {
  let c = statements.get(name);
  if (c === undefined) {
    c = compile(text, values);
    if (db.client.config.client === 'pg') sameAsKnex(db, name, c, values);
    statements.set(name, c);
  } else if (c.text !== text) throw new Error(`preparedQuery: the name "${name}" is already used for another statement`);
  const bindings = bindingsOf(name, c, values);
  if (db.client.config.client !== 'pg') return (await db.raw(text, values as Knex.ValueDict).options({ name })).rows as Row[];
  return run<Row>(db, name, c, bindings);
}

/** Once per name: the compiled text and binding order must be exactly what knex.raw would send. */
function sameAsKnex(db: Knex, name: string, c: Compiled, values: readonly Knex.RawBinding[] | Knex.ValueDict): void {
  const native = db.raw(c.text, values as Knex.ValueDict).toSQL().toNative();
  const mine = bindingsOf(name, c, values);
  if (native.sql !== c.sql || native.bindings.length !== mine.length || native.bindings.some((v, i) => v !== mine[i])) {
    throw new Error(`preparedQuery "${name}": its compiled form differs from knex's`);
  }
}

/** The values in `$n` order; undefined is refused as knex does (it would be sent as NULL). */
function bindingsOf(name: string, c: Compiled, values: readonly Knex.RawBinding[] | Knex.ValueDict): unknown[] {
  let out: unknown[];
  if (c.keys === null) {
    if (!Array.isArray(values) || values.length !== c.count) throw new Error(`preparedQuery "${name}": expected ${c.count} bindings`);
    out = values as unknown[];
  } else {
    const dict = values as Record<string, unknown>;
    out = new Array(c.count);
    for (let i = 0; i < c.count; i++) out[i] = dict[c.keys[i]!];
  }
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) throw new Error(`preparedQuery "${name}": undefined binding ${c.keys?.[i] ?? i}`);
  return out;
}

interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }, cb: (err: Error | null, res: { rows: unknown[] }) => void): void;
  __knexUid?: string;
  __knexTxId?: string;
}

/** One statement on the connection knex gives this db (a transaction's own connection for a transaction). */
async function run<Row>(db: Knex | Knex.Transaction, name: string, c: Compiled, bindings: unknown[]): Promise<Row[]> {
  const trx = db as Knex.Transaction;
  if (trx.isTransaction && trx.isCompleted()) throw new Error(`preparedQuery "${name}": the transaction is already complete`);
  const client = db.client as Knex.Client & NodeJS.EventEmitter;
  const conn = (await client.acquireConnection()) as PgConnection;
  const event = { __knexUid: conn.__knexUid, __knexTxId: conn.__knexTxId, __knexQueryUid: `pq${++queryUid}`, method: 'raw', sql: c.sql, bindings, options: { name } };
  try {
    client.emit('query', event);
    const result = await new Promise<{ rows: unknown[] }>((resolve, reject) => conn.query({ name, text: c.sql, values: bindings }, (err, res) => (err ? reject(err) : resolve(res))));
    client.emit('query-response', result, event);
    return result.rows as Row[];
  } catch (err) {
    if (err instanceof Error) err.message = `${name}: ${err.message}`;
    client.emit('query-error', err, event);
    throw err;
  } finally {
    await client.releaseConnection(conn);
  }
}

/**
 * knex.raw's placeholder rules, applied once: named (`:key`, knex's key regex; a key the bindings lack stays text,
 * so `'HH24:MI'` survives) or positional (`?`; `\?` is a literal `?`), then knex's pg `?` → `$n` numbering.
 * On PostgreSQL each name's first call checks the result against knex's own (sameAsKnex); the test covers edge cases.
 */
function compile(text: string, values: readonly Knex.RawBinding[] | Knex.ValueDict): Compiled {
  let withMarks: string;
  let keys: string[] | null = null;
  if (Array.isArray(values)) {
    withMarks = text.replace(/\\?\?\??/g, (m) => {
      if (m === '??') throw new Error('preparedQuery: identifier bindings (??) are not supported');
      return m;
    });
  } else {
    const dict = values as Record<string, unknown>;
    const order: string[] = [];
    withMarks = text.replace(/\\?(:(\w+):(?=::)|:(\w+):(?!:)|:(\w+))/g, (match, p1: string, p2?: string, p3?: string, p4?: string) => {
      if (match !== p1) return p1; // escaped
      const key = (p2 || p3 || p4)!;
      if (!Object.prototype.hasOwnProperty.call(dict, key)) return match;
      if (match.endsWith(':')) throw new Error(`preparedQuery: identifier binding :${key}: is not supported`);
      order.push(key);
      return '?';
    });
    keys = order;
  }
  let count = 0;
  const sql = withMarks.replace(/(\\*)(\?)/g, (_m, escapes: string) => (escapes.length % 2 ? '?' : `$${++count}`));
  if (keys && keys.length !== count) throw new Error('preparedQuery: a `?` in a statement with named bindings (knex would number it too)');
  return { text, sql, keys, count };
}

/** For the test: the `$n` text preparedQuery sends for `text`, to compare with knex's own. */
export function compiledSql(text: string, values: readonly Knex.RawBinding[] | Knex.ValueDict): string {
  return compile(text, values).sql;
}
