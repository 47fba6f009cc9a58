import type { Platform } from '../lti/platform.store';
import type { RegistrationRecord } from './registration.store';

/** A platform as the operator API shows it. */
export const presentPlatform = (p: Platform) => ({
  id: p.id,
  name: p.name,
  issuer: p.issuer,
  clientId: p.clientId,
  authUrl: p.authUrl,
  tokenUrl: p.tokenUrl,
  jwksUrl: p.jwksUrl,
  deploymentIds: p.deploymentIds,
  adoptsNewDeployments: p.adoptsNewDeployments,
});

/** A Dynamic Registration as the operator API shows it (the raw tool configuration only in the detailed view). */
export const presentRegistration = (r: RegistrationRecord, detailed = false) => ({
  id: r.id,
  productFamilyCode: r.productFamilyCode,
  platformVersion: r.platformVersion,
  openidConfigurationUrl: r.openidConfigurationUrl,
  deploymentId: r.deploymentId,
  scopesRequested: r.scopesRequested,
  scopesGranted: r.scopesGranted,
  registeredAt: r.registeredAt.toISOString(),
  ...(detailed ? { toolConfiguration: r.toolConfiguration } : {}),
});
