import { SignJWT } from 'jose';
import type { Knex } from 'knex';
import { loadCohortAccess, requireCohortRole } from '../cohorts/cohortAccess';
import { isUuid } from '../cohorts/validate';
import { escapeHtml, htmlPage } from '../http/html';
import type { SessionIdentity } from '../lti/session';
import type { SigningKey } from '../lti/toolKeys.service';
import { certificatesStore, type Certificate } from './certificates.store';
import { competencyErrors } from './competencies.errors';
import { peopleStore } from './people.store';

const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

/** The Open Badges 3.0 AchievementCredential of a certificate (unsigned JSON). */
export function achievementCredential(c: Certificate, o: { publicUrl: string; personName: string | null; cohortTitle: string }) {
  const hours = Math.round((c.pdMinutes / 60) * 100) / 100;
  return {
    '@context': OB3_CONTEXT,
    id: `urn:uuid:${c.id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: o.publicUrl, type: ['Profile'], name: 'Staffroom' },
    validFrom: c.issuedAt.toISOString(),
    name: c.title,
    credentialSubject: {
      id: `urn:uuid:${c.userId}`,
      type: ['AchievementSubject'],
      ...(o.personName ? { name: o.personName } : {}),
      creditsEarned: hours,
      achievement: {
        id: `${o.publicUrl}/achievements/cohort/${c.cohortId}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: c.title,
        description: `Proficient in every competency of the credential of “${o.cohortTitle}”.`,
        criteria: { narrative: `Rated proficient by the cohort’s lead teachers in: ${c.competencies.map((x) => `${x.identifier} ${x.title}`).join('; ')}.` },
        creditsAvailable: hours,
        fieldOfStudy: 'Professional learning',
        alignment: c.competencies.map((x) => ({
          type: ['Alignment'],
          targetName: x.title,
          targetCode: x.identifier,
          targetDescription: `Level reached: ${x.level}`,
          targetType: 'ceasn:Competency',
          targetUrl: `${o.publicUrl}/competencies/${x.id}`,
        })),
      },
    },
  };
}

/** Certificates: the record, the signed credential (VC-JWT with the tool's current key) and a printable page. */
export function createCertificateService(deps: { db: Knex; publicUrl: string; signingKey: () => Promise<SigningKey> }) {
  const { db } = deps;

  async function load(s: SessionIdentity, cohortId: string, userId: string) {
    const access = await loadCohortAccess(db, s, cohortId);
    const id = userId === 'me' ? s.userId : userId;
    if (!isUuid(id) || (id !== s.userId && access.role === 'participant')) throw competencyErrors.certificateNotFound();
    const person = await peopleStore.member(db, access.ownContextId, id);
    const certificate = person ? await certificatesStore.find(db, cohortId, id) : null;
    if (!person || !certificate) throw competencyErrors.certificateNotFound();
    return { certificate, person, cohortTitle: access.cohort.title };
  }

  return {
    /** The certificate and its Open Badges 3.0 credential, as JSON and as a JWT signed with the tool key. */
    async get(s: SessionIdentity, cohortId: string, userId: string) {
      const { certificate: c, person, cohortTitle } = await load(s, cohortId, userId);
      const credential = achievementCredential(c, { publicUrl: deps.publicUrl, personName: person.name, cohortTitle });
      const key = await deps.signingKey();
      const jwt = await new SignJWT({ ...credential })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setIssuer(deps.publicUrl)
        .setSubject(credential.credentialSubject.id)
        .setJti(credential.id)
        .setNotBefore(Math.floor(c.issuedAt.getTime() / 1000))
        .setIssuedAt()
        .sign(key.privateKey);
      return {
        certificate: {
          id: c.id,
          title: c.title,
          issuedAt: c.issuedAt.toISOString(),
          pdMinutes: c.pdMinutes,
          competencies: c.competencies,
          person: { userId: person.userId, name: person.name },
          cohort: { id: c.cohortId, title: cohortTitle },
        },
        credential,
        credentialJwt: jwt,
        verificationKeys: `${deps.publicUrl}/.well-known/jwks.json`,
      };
    },

    /** Who holds the cohort's certificate among the caller's course's members (leads and admins). */
    async holders(s: SessionIdentity, cohortId: string) {
      const access = await loadCohortAccess(db, s, cohortId);
      requireCohortRole(access, 'admin', 'lead');
      const rows = await certificatesStore.holders(db, cohortId, access.ownContextId);
      return { certificates: rows.map((r) => ({ id: r.id, title: r.title, issuedAt: r.issuedAt.toISOString(), person: { userId: r.userId, name: r.name, school: r.school } })) };
    },

    /** The caller's own certificates from the cohorts of their course. */
    async mine(s: SessionIdentity) {
      const rows = await certificatesStore.ofPerson(db, s.userId, s.contextId);
      return { certificates: rows.map((r) => ({ id: r.id, title: r.title, issuedAt: r.issuedAt.toISOString(), cohort: { id: r.cohortId, title: r.cohortTitle } })) };
    },

    /** A printable HTML certificate. */
    async page(s: SessionIdentity, cohortId: string, userId: string): Promise<string> {
      const { certificate: c, person, cohortTitle } = await load(s, cohortId, userId);
      const items = c.competencies.map((x) => `<li><strong>${escapeHtml(x.identifier)}</strong> ${escapeHtml(x.title)}: ${escapeHtml(x.level)}</li>`).join('');
      return htmlPage({
        title: `Certificate: ${c.title}`,
        body:
          `<h1>${escapeHtml(c.title)}</h1><p>Awarded to <strong>${escapeHtml(person.name ?? 'a Staffroom participant')}</strong> ` +
          `on ${escapeHtml(c.issuedAt.toISOString().slice(0, 10))} for proficiency in every competency of “${escapeHtml(cohortTitle)}”.</p>` +
          `<h2>Competencies</h2><ul>${items}</ul><p>Professional learning: ${escapeHtml(String(Math.round((c.pdMinutes / 60) * 100) / 100))} hours.</p>` +
          `<p class="reference">Certificate <code>${escapeHtml(c.id)}</code>. Issued by Staffroom (${escapeHtml(deps.publicUrl)}).</p>`,
      });
    },
  };
}

/** The certificate service. */
export type CertificateService = ReturnType<typeof createCertificateService>;
