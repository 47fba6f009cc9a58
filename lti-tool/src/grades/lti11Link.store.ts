import type { Knex } from 'knex';
import { lti11Issuer } from '../lti11/lti11.consumer.store';

/**
 * For a course launched over LTI 1.1 (its platform is an LTI 1.1 consumer): the resource link whose Basic
 * Outcomes cell a course-wide score of the person goes to. Null for an LTI 1.3 course (it has AGS line items).
 * The link is the one of the person's latest launch that carried a gradebook cell; failing that, their latest
 * launch's, then the course's most recently used link: delivery then fails clearly (`no_line_item`, "make the
 * link graded and have them open it") and can be retried once they have.
 */
export async function lti11ScoreLink(db: Knex, contextId: string, userId: string): Promise<{ resourceLinkId: string | null } | null> {
  const platform = await db('contexts as x')
    .join('deployments as d', 'd.id', 'x.deployment_id')
    .join('platforms as p', 'p.id', 'd.platform_id')
    .where('x.id', contextId)
    .first('p.issuer', 'p.client_id');
  if (!platform || platform.issuer !== lti11Issuer(platform.client_id)) return null;
  const own = await db('sessions')
    .where({ user_id: userId, context_id: contextId })
    .whereNotNull('resource_link_id')
    .whereRaw(`launch->>'ltiVersion' = 'LTI-1p0'`)
    .orderByRaw(`coalesce(jsonb_typeof(launch->'basicOutcome') = 'object', false) desc, created_at desc`)
    .first('resource_link_id');
  if (own) return { resourceLinkId: own.resource_link_id as string };
  const any = await db('resource_links').where({ context_id: contextId }).orderBy('updated_at', 'desc').first('lti_resource_link_id');
  return { resourceLinkId: (any?.lti_resource_link_id as string | undefined) ?? null };
}
