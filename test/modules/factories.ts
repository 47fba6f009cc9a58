import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * Test factories for the module tests: each builds its own tenant rows (platform, deployment, course,
 * people, cohort) so no test depends on another's data. Cohorts are inserted directly because the
 * cohorts API is another feature's; modules are always made through the modules API or code under test.
 */
export async function buildContext(db: Knex, o: { platformId?: string; title?: string } = {}): Promise<{ platformId: string; deploymentId: string; contextId: string }> {
  let platformId = o.platformId;
  if (!platformId) {
    platformId = randomUUID();
    await db('platforms').insert({ id: platformId, issuer: `https://lms-${platformId.slice(0, 8)}.example.org`, client_id: 'c', auth_url: 'https://x.example/auth', token_url: 'https://x.example/token', jwks_url: 'https://x.example/jwks' });
  }
  const deploymentId = randomUUID();
  await db('deployments').insert({ id: deploymentId, platform_id: platformId, deployment_id: `d-${deploymentId.slice(0, 8)}` });
  const contextId = randomUUID();
  await db('contexts').insert({ id: contextId, deployment_id: deploymentId, lti_context_id: `ctx-${contextId.slice(0, 8)}`, title: o.title ?? 'Test course' });
  return { platformId, deploymentId, contextId };
}

/** Inserts a person and their active membership in a context. */
export async function buildMember(db: Knex, platformId: string, contextId: string, role: 'admin' | 'lead' | 'participant', name = 'Test person'): Promise<string> {
  const userId = randomUUID();
  await db('users').insert({ id: userId, platform_id: platformId, sub: `sub-${userId}`, name });
  await db('memberships').insert({ id: randomUUID(), context_id: contextId, user_id: userId, lti_roles: [], role, status: 'active' });
  return userId;
}

/** Inserts a cohort held by `ownerContextId` (also joined to `otherContextIds`). */
export async function buildCohort(
  db: Knex,
  ownerContextId: string | null,
  o: { otherContextIds?: string[]; kind?: 'cohort' | 'template'; title?: string; workVisibility?: 'cohort' | 'leads_only'; status?: 'active' | 'archived' } = {},
): Promise<string> {
  const id = randomUUID();
  await db('cohorts').insert({ id, owner_context_id: ownerContextId, kind: o.kind ?? 'cohort', title: o.title ?? 'Test cohort', work_visibility: o.workVisibility ?? 'cohort', status: o.status ?? 'active' });
  const contexts = [...(ownerContextId ? [ownerContextId] : []), ...(o.otherContextIds ?? [])];
  if (contexts.length) await db('cohort_contexts').insert(contexts.map((context_id) => ({ cohort_id: id, context_id })));
  return id;
}

/** A small module spec with one step of every kind. */
export function sampleModuleSpec(title = 'Learning visits: getting started') {
  return {
    title,
    summary: 'Why we visit each other’s classrooms.',
    pdMinutes: 90,
    steps: [
      { kind: 'read' as const, title: 'Read: the idea', estimatedMinutes: 10, content: { markdown: 'See **this** https://example.org', videos: ['https://youtu.be/dQw4w9WgXcQ'] } },
      { kind: 'reflect' as const, title: 'Reflect', estimatedMinutes: 15, content: { prompt: 'What did you notice?', visibility: 'choice' } },
      { kind: 'audition' as const, title: 'Audition', estimatedMinutes: 30, content: { auditionId: randomUUID(), instructions: 'Share a plan.' } },
      { kind: 'checkpoint' as const, title: 'Team meeting', estimatedMinutes: 45, content: { date: '2026-12-01', linkUrl: 'https://meet.example.org/x', mode: 'live' } },
      { kind: 'inquiry' as const, title: 'Inquiry', estimatedMinutes: 60, content: { question: 'How do we…?' } },
    ],
  };
}
