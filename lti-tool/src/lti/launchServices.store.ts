import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** The LTI Advantage services a context offers, from its latest launch. */
export interface ContextServices {
  contextId: string;
  nrpsUrl: string | null;
  agsLineItemsUrl: string | null;
  agsScopes: string[];
  updatedAt: Date;
}

/** A placement of Staffroom in a course and the gradebook column the platform tied to it, if any. */
export interface ResourceLinkRecord {
  contextId: string;
  resourceLinkId: string;
  title: string | null;
  agsLineItemUrl: string | null;
}

/** Service claims as launch.claims.ts extracts them (untrusted shapes, checked here). */
export interface LaunchServiceClaims {
  ags: unknown;
  nrps: unknown;
}

interface ServicesRow {
  context_id: string;
  nrps_url: string | null;
  ags_lineitems_url: string | null;
  ags_scopes: string[];
  updated_at: Date;
}

const toServices = (r: ServicesRow): ContextServices => ({
  contextId: r.context_id,
  nrpsUrl: r.nrps_url,
  agsLineItemsUrl: r.ags_lineitems_url,
  agsScopes: r.ags_scopes ?? [],
  updatedAt: new Date(r.updated_at),
});

const urlOrNull = (v: unknown): string | null => {
  if (typeof v !== 'string' || v.length > 2048) return null;
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol) ? v : null;
  } catch {
    return null;
  }
};

const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The checked service endpoints of a launch's claims, as context_services and resource_links store them. */
export function serviceColumns(services: LaunchServiceClaims): { nrps_url: string | null; ags_lineitems_url: string | null; ags_scopes: string[]; ags_lineitem_url: string | null } {
  const ags = record(services.ags);
  return {
    nrps_url: urlOrNull(record(services.nrps).context_memberships_url),
    ags_lineitems_url: urlOrNull(ags.lineitems),
    ags_scopes: Array.isArray(ags.scope) ? ags.scope.filter((s): s is string => typeof s === 'string' && s.length <= 255).slice(0, 20) : [],
    ags_lineitem_url: urlOrNull(ags.lineitem),
  };
}

/** Reads and writes the service endpoints launches announce (NRPS, AGS) per context and resource link. */
export function createLaunchServicesStore(db: Knex) {
  return {
    /** Records what a launch said; called inside the launch transaction (LTI 1.3 launches do it in identity.store's recordLaunch). */
    async upsertFromLaunch(
      contextId: string,
      services: LaunchServiceClaims,
      resourceLink: { id: string; title: string | null } | null,
      trx: Knex,
    ): Promise<void> {
      const { ags_lineitem_url, ...columns } = serviceColumns(services);
      const row = { context_id: contextId, ...columns };
      await trx('context_services').insert(row).onConflict('context_id').merge({ ...row, updated_at: trx.fn.now() });
      if (resourceLink) {
        const link = { title: resourceLink.title, ags_lineitem_url };
        await trx('resource_links')
          .insert({ id: randomUUID(), context_id: contextId, lti_resource_link_id: resourceLink.id, ...link })
          .onConflict(['context_id', 'lti_resource_link_id'])
          .merge({ ...link, updated_at: trx.fn.now() });
      }
    },
    async forContext(contextId: string, trx: Knex = db): Promise<ContextServices | null> {
      const row = await trx<ServicesRow>('context_services').where({ context_id: contextId }).first();
      return row ? toServices(row) : null;
    },
    /** Every context whose platform offers NRPS (for the scheduled roster sync). */
    async contextsWithNrps(): Promise<ContextServices[]> {
      const rows: ServicesRow[] = await db('context_services').whereNotNull('nrps_url').orderBy('context_id');
      return rows.map(toServices);
    },
    async resourceLink(contextId: string, resourceLinkId: string, trx: Knex = db): Promise<ResourceLinkRecord | null> {
      const row = await trx('resource_links').where({ context_id: contextId, lti_resource_link_id: resourceLinkId }).first();
      return row ? { contextId: row.context_id, resourceLinkId: row.lti_resource_link_id, title: row.title, agsLineItemUrl: row.ags_lineitem_url } : null;
    },
  };
}

/** Data access for launch-announced service endpoints. */
export type LaunchServicesStore = ReturnType<typeof createLaunchServicesStore>;
