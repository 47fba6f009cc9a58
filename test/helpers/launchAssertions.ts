import type { Knex } from 'knex';

/** The tables a launch writes people, courses and sessions to: a refused launch must leave them untouched. */
export const IDENTITY_TABLES = ['users', 'memberships', 'contexts', 'sessions'] as const;

/**
 * Row counts of the given tables, for before/after comparisons. A first launch in a course queues a background
 * roster sync that adds the course's members, so counting first waits (bounded) until no sync is pending.
 */
export async function countRows(db: Knex, tables: readonly string[] = IDENTITY_TABLES): Promise<Record<string, number>> {
  for (const until = Date.now() + 30_000; Date.now() < until && (await db('roster_syncs').whereIn('status', ['queued', 'running']).first('id')); ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db(table).count<{ count: number | string }[]>({ count: '*' }).first();
    counts[table] = Number(row?.count ?? 0);
  }
  return counts;
}

/** The text of an HTML page with the entities escapeHtml produces decoded, for matching messages. */
export function pageText(html: string): string {
  return html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The session token a successful launch embeds in the app shell, if any. */
export const sessionTokenIn = (html: string): string | null => /<meta name="staffroom-session" content="([^"]+)">/.exec(html)?.[1] ?? null;

/** GET /api/me's answer as a successful LTI 1.3 launch page carries it for the first screen (null when absent). */
export function launchedMeIn(html: string): unknown {
  const content = /<meta name="staffroom-me" content="([^"]*)">/.exec(html)?.[1];
  return content === undefined ? null : JSON.parse(pageText(content));
}

/** How a refused login or launch must answer. */
export interface Refusal {
  status: number;
  id: string;
  /** A fragment of the human message shown on the page. */
  says: string;
}

/**
 * Asserts a refusal page: the status, an HTML page with the human message, the administrator's hint and the
 * stable error id, no session token, no redirect, and (when given) no trace of the id_token anywhere.
 * Returns the page.
 */
export async function expectRefusalPage(res: Response, expected: Refusal, idToken?: string): Promise<string> {
  const html = await res.text();
  expect({ status: res.status, id: /Error <code>([^<]+)<\/code>/.exec(html)?.[1] }).toEqual({ status: expected.status, id: expected.id });
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const text = pageText(html);
  expect(text).toContain(expected.says);
  expect(text).toMatch(/<h2>For your LMS administrator<\/h2><p>[^<]{10,}<\/p>/);
  expect(html).not.toContain('staffroom-session');
  expect(res.headers.get('location')).toBeNull();
  if (idToken) {
    expect(html).not.toContain(idToken);
    expect(res.url).not.toContain(idToken);
  }
  return html;
}
