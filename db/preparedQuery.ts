import type { Knex } from 'knex';

// Each name must always stand for one text: node-postgres keeps a connection's parsed statements by name and
// refuses a known name with another text only when that connection happens to have it, so check it everywhere.
const texts = new Map<string, string>();

/**
 * Runs `text` (with `?` placeholders, or `:name` placeholders and a bindings object, as `knex.raw`) as a named
 * prepared statement on PostgreSQL: each connection parses and analyses it once, and PostgreSQL may reuse a generic
 * plan after five executions, so hot statements skip most of their per-call planning. On PGlite the name is ignored
 * (a plain extended-protocol query). It goes through knex, so inside a transaction it runs on the transaction's own
 * connection (knex's transaction client hands out nothing else) and shows in knex's query events.
 * `name` must be unique per text across the process (throws otherwise); keep texts constant (no interpolated values).
 * Name only hot statements: each costs server memory per connection. Prepared statements belong to a server session,
 * so a pooler in front of PostgreSQL must keep sessions (PgBouncer's transaction mode needs 1.21+ with
 * `max_prepared_statements`). Select named columns, not `*`: a later migration would change a prepared result's shape.
 */
export async function preparedQuery<Row = Record<string, unknown>>(db: Knex | Knex.Transaction, name: string, text: string, values: readonly Knex.RawBinding[] | Knex.ValueDict): Promise<Row[]> {
  const known = texts.get(name);
  if (known === undefined) texts.set(name, text);
  else if (known !== text) throw new Error(`preparedQuery: the name "${name}" is already used for another statement`);
  const result = await db.raw(text, values as Knex.ValueDict).options({ name });
  return result.rows as Row[];
}
