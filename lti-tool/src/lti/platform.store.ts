import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** A registered LTI 1.3 platform (one LMS + one client id). */
export interface Platform {
  id: string;
  issuer: string;
  clientId: string;
  name: string | null;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentIds: string[];
  /** Registered dynamically without a deployment id (Canvas): the first validly signed launch adds its deployment. */
  adoptsNewDeployments: boolean;
}

/** A deployment of the tool on a platform: with the platform, the tenant. */
export interface Deployment {
  id: string;
  platformId: string;
  deploymentId: string;
}

interface PlatformRow {
  id: string;
  issuer: string;
  client_id: string;
  name: string | null;
  auth_url: string;
  token_url: string;
  jwks_url: string;
  deployment_ids: string[] | null;
  adopts_new_deployments: boolean;
}

const toPlatform = (r: PlatformRow): Platform => ({
  id: r.id,
  issuer: r.issuer,
  clientId: r.client_id,
  name: r.name,
  authUrl: r.auth_url,
  tokenUrl: r.token_url,
  jwksUrl: r.jwks_url,
  deploymentIds: (r.deployment_ids ?? []).filter((d): d is string => d !== null).sort(),
  adoptsNewDeployments: r.adopts_new_deployments,
});

/** How long a registration read for a login or launch is reused by this process. */
const CACHE_MS = 10_000;

/**
 * Reads and writes platform registrations and their deployments. Logins and launches read registrations
 * through a short per-process cache of positive answers only: a caller that would refuse re-reads with
 * findByIssuer first, so a new registration or deployment works at once, and a changed URL is seen within
 * CACHE_MS (at once in the process that changed it).
 */
export function createPlatformStore(db: Knex) {
  const byIssuer = new Map<string, { at: number; platforms: Platform[] }>();
  const deployments = new Map<string, { at: number; deployment: Deployment }>();
  const forget = () => {
    byIssuer.clear();
    deployments.clear();
  };
  const withDeployments = (q: Knex = db) =>
    q('platforms as p')
      .leftJoin('deployments as d', 'd.platform_id', 'p.id')
      .groupBy('p.id')
      .select('p.*', q.raw('array_agg(d.deployment_id) as deployment_ids'));
  const findByIssuer = async (issuer: string): Promise<Platform[]> => {
    const rows: PlatformRow[] = await withDeployments().where('p.issuer', issuer);
    const platforms = rows.map(toPlatform);
    if (platforms.length > 0) byIssuer.set(issuer, { at: Date.now(), platforms });
    else byIssuer.delete(issuer);
    return platforms;
  };
  const findDeployment = async (platformId: string, deploymentId: string, trx: Knex = db): Promise<Deployment | null> => {
    const row = await trx('deployments').where({ platform_id: platformId, deployment_id: deploymentId }).first();
    return row ? { id: row.id, platformId: row.platform_id, deploymentId: row.deployment_id } : null;
  };

  return {
    findByIssuer,
    /** findByIssuer from the cache when fresh enough; refuse only after `findByIssuer` confirms. */
    async findByIssuerCached(issuer: string): Promise<Platform[]> {
      const hit = byIssuer.get(issuer);
      return hit && Date.now() - hit.at < CACHE_MS ? hit.platforms : findByIssuer(issuer);
    },
    async findById(id: string): Promise<Platform | null> {
      const rows: PlatformRow[] = await withDeployments().where('p.id', id);
      return rows[0] ? toPlatform(rows[0]) : null;
    },
    async list(): Promise<Platform[]> {
      const rows: PlatformRow[] = await withDeployments().orderBy('p.created_at', 'asc');
      return rows.map(toPlatform);
    },
    findDeployment,
    /** findDeployment through the cache (known deployments only; an unknown one is always read). */
    async findDeploymentCached(platformId: string, deploymentId: string): Promise<Deployment | null> {
      const key = `${platformId}\u0000${deploymentId}`;
      const hit = deployments.get(key);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.deployment;
      const deployment = await findDeployment(platformId, deploymentId);
      if (deployment) deployments.set(key, { at: Date.now(), deployment });
      return deployment;
    },
    /** Adds the deployment unless a racing launch already did; `created` tells which (so only one records it). */
    async adoptDeployment(platformId: string, deploymentId: string, trx: Knex): Promise<{ deployment: Deployment; created: boolean }> {
      forget();
      const inserted = await trx('deployments').insert({ id: randomUUID(), platform_id: platformId, deployment_id: deploymentId }).onConflict(['platform_id', 'deployment_id']).ignore().returning('id');
      const row = await trx('deployments').where({ platform_id: platformId, deployment_id: deploymentId }).first();
      return { deployment: { id: row.id, platformId: row.platform_id, deploymentId: row.deployment_id }, created: inserted.length > 0 };
    },
    /** Creates the registration or updates its URLs; adds any new deployment ids. Returns the platform id. */
    async upsert(p: Omit<Platform, 'id' | 'adoptsNewDeployments'> & { adoptsNewDeployments?: boolean }, trx: Knex): Promise<{ id: string; created: boolean }> {
      forget();
      const values = { name: p.name, auth_url: p.authUrl, token_url: p.tokenUrl, jwks_url: p.jwksUrl, ...(p.adoptsNewDeployments === undefined ? {} : { adopts_new_deployments: p.adoptsNewDeployments }) };
      // One statement, so two processes registering the same platform at once (the sandbox at start-up) both succeed.
      const newId = randomUUID();
      const [row] = await trx('platforms')
        .insert({ id: newId, issuer: p.issuer, client_id: p.clientId, ...values })
        .onConflict(['issuer', 'client_id'])
        .merge({ ...values, updated_at: trx.fn.now() })
        .returning('id');
      const id = String(row.id);
      for (const deploymentId of p.deploymentIds) {
        await trx('deployments')
          .insert({ id: randomUUID(), platform_id: id, deployment_id: deploymentId })
          .onConflict(['platform_id', 'deployment_id'])
          .ignore();
      }
      return { id, created: id === newId };
    },
  };
}

/** Data access for platform registrations. */
export type PlatformStore = ReturnType<typeof createPlatformStore>;
