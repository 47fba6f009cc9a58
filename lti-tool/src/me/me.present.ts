import type { ItemCatalogue } from '../deepLinking/deepLinking.items';
import type { StaffroomRole } from '../lti/roles';
import type { MeLaunch, MeView } from './me.store';

/** Who the session is for, as the session token (or the launch that signs it) says. */
export interface MeScope {
  contextId: string;
  platformId: string;
  deploymentId: string;
  role: StaffroomRole;
}

/**
 * The answer of GET /api/me. The launch page carries the same answer (see meFromLaunch), so the SPA's first
 * screen needs no /api/me round trip; one presenter keeps the two identical.
 */
export async function presentMe(catalogue: ItemCatalogue, me: MeView, scope: MeScope, launch: MeLaunch) {
  const itemScope = { ...scope, contextTitle: me.context.title };
  const target = launch.messageType === 'LtiResourceLinkRequest' ? await catalogue.target(itemScope, launch.custom) : null;
  return { ...me, role: scope.role, launch: { messageType: launch.messageType }, target };
}

/** What a successful launch knows: the rows it just wrote hold exactly these claims (identity.store upserts them). */
export interface LaunchedPerson {
  userId: string;
  contextId: string;
  deploymentRowId: string;
  role: StaffroomRole;
  platform: { id: string; issuer: string; name: string | null };
  claims: {
    name: string | null;
    givenName: string | null;
    familyName: string | null;
    email: string | null;
    messageType: string;
    context: { title: string | null; label: string | null };
    services: { custom: unknown };
  };
}

/** /api/me's answer for the session a launch just opened, from the launch itself (no query). */
export function meFromLaunch(catalogue: ItemCatalogue, l: LaunchedPerson) {
  const { claims } = l;
  const me: MeView = {
    user: { id: l.userId, name: claims.name, givenName: claims.givenName, familyName: claims.familyName, email: claims.email },
    context: { id: l.contextId, title: claims.context.title, label: claims.context.label },
    platform: { issuer: l.platform.issuer, name: l.platform.name },
  };
  const scope = { contextId: l.contextId, platformId: l.platform.id, deploymentId: l.deploymentRowId, role: l.role };
  return presentMe(catalogue, me, scope, { messageType: claims.messageType, custom: claims.services.custom ?? null });
}
