import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import pino from 'pino';
import { loadConfig } from '../../config/config';
import { createDb } from '../../db/connection';
import { startTool } from '../../lti-tool/src/server';
import type { Persona } from '../../lti-tool/src/sandbox/sandbox.personas';
import { CookieJar } from '../helpers/browserlessClient';
import { sessionTokenIn } from '../helpers/launchAssertions';
import { api, authorizeAtPlatform, initiateLogin, loginRedirect, postLaunch, signedLaunch } from '../helpers/ltiFlow';
import type { PlatformEmulator } from '../helpers/platformEmulator';
import { buildLaunchClaims } from '../../lti-tool/src/sandbox/sandbox.claims';
import type { TestTool } from '../helpers/testTool';
import { buildCohort } from '../modules/factories';
import { call, publishModule, type Who } from '../modules/moduleFlow';

/**
 * A database a real tool process can open by itself: a fresh PostgreSQL database when DATABASE_URL is set
 * (dropped afterwards), else PGlite files in a temporary folder (DATA_DIR).
 */
export interface ProcessDb {
  kind: 'postgres' | 'pglite';
  /** What a tool process needs in its environment to use this database. */
  env: Record<string, string>;
  /** A knex connection of the test itself (PGlite: only while no tool process has the files open). */
  open(): Knex;
  drop(): Promise<void>;
}

/** Creates a ProcessDb (see there). */
export async function createProcessDb(prefix: string): Promise<ProcessDb> {
  const pgUrl = process.env.DATABASE_URL;
  if (!pgUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), `staffroom-${prefix}-`));
    return {
      kind: 'pglite',
      env: { DATA_DIR: dir },
      open: () => createDb({ kind: 'pglite', dataDir: `${dir}/pglite` }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(pgUrl), { pathname: `/${name}` }).toString();
  const admin = createDb({ kind: 'postgres', url: pgUrl, poolMax: 1 });
  await admin.raw('CREATE DATABASE ??', [name]);
  await admin.destroy();
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url, DATABASE_POOL_MAX: '10' },
    open: () => createDb({ kind: 'postgres', url, poolMax: 2 }),
    async drop() {
      const a = createDb({ kind: 'postgres', url: pgUrl, poolMax: 1 });
      await a.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      await a.destroy();
    },
  };
}

/** The environment every tool process of a resilience test shares (same port → same sandbox URLs). */
export function processEnv(port: number, db: ProcessDb, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'silent',
    JOB_POLLING_SECONDS: '0.5',
    RATE_LIMIT_LTI_PER_MINUTE: '0',
    ...db.env,
    ...extra,
  };
}

/** Runs the tool inside the test process on a ProcessDb (for setup that needs the sandbox's signing key). */
export async function startInProcess(env: Record<string, string>): Promise<TestTool> {
  const config = loadConfig(env);
  const running = await startTool({ config, logger: pino({ level: 'silent' }) });
  return { ...running, config, stop: () => running.close() };
}

const M = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/** A made-up learner of the sandbox's demo course (its launches carry the AGS claim, so ratings reach a gradebook). */
export function learner(i: number): Persona {
  return { id: `resil-learner-${i}`, sub: `resil-learner-${i}`, name: `Learner ${i}`, givenName: 'Learner', familyName: String(i), email: `learner${i}@example.edu`, roles: [`${M}Learner`], description: 'resilience test learner' };
}

/**
 * Launches a persona into the sandbox demo course without the NRPS claim (no roster sync runs, so made-up
 * people stay active members); returns the session.
 */
export async function demoLaunch(tool: TestTool, who: string | Persona): Promise<Who> {
  const jar = new CookieJar();
  const { fields } = await signedLaunch(tool, jar, { persona: who, edit: (c) => void delete c['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'] });
  const res = await postLaunch(tool, jar, fields);
  const token = sessionTokenIn(await res.text());
  if (res.status !== 200 || !token) throw new Error(`launch failed: ${res.status}`);
  const me = (await (await api(tool, '/api/me', token)).json()) as { user: { id: string }; context: { id: string } };
  return { token, userId: me.user.id, contextId: me.context.id };
}

/** Resolves when `check` gives a truthy value, polling; fails after `ms` with `what`. */
export async function waitFor<T>(what: string, check: () => Promise<T | false | null | undefined>, ms: number, everyMs = 250): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > until) throw new Error(`${what}: not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Registers an emulated platform with the tool (no JWKS check: the test decides when the JWKS answers). */
export async function registerEmulator(tool: TestTool, emu: PlatformEmulator): Promise<void> {
  const id = emu.identity;
  await tool.services.platforms.register({ issuer: id.issuer, clientId: id.clientId, name: emu.name, authUrl: id.authUrl, tokenUrl: id.tokenUrl, jwksUrl: id.jwksUrl, deploymentIds: [id.deploymentId] }, { checkJwks: false });
}

/**
 * The whole handshake from an emulated platform: login initiation at the tool, then the id_token the platform
 * would post (signed with its key, services pointing at the emulator unless left out).
 */
export async function emulatorLaunch(tool: TestTool, emu: PlatformEmulator, who: Persona, o: { contextId?: string; nrps?: boolean; ags?: boolean; header?: Record<string, unknown> } = {}) {
  const id = emu.identity;
  const jar = new CookieJar();
  const login = await initiateLogin(tool, jar, { iss: id.issuer, client_id: id.clientId, lti_deployment_id: id.deploymentId, login_hint: who.id });
  const { state, nonce } = loginRedirect(login);
  const contextId = o.contextId ?? 'emulated-course';
  const claims = buildLaunchClaims({ ...id, toolLaunchUrl: tool.services.urls.launchUrl }, who, { nonce });
  claims[`${LTI}context`] = { id: contextId, title: `Course ${contextId}`, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] };
  claims[`${LTI}custom`] = {};
  const services = emu.serviceClaims(contextId);
  for (const [name, claim] of Object.entries(services)) {
    const wanted = name.includes('nrps') ? o.nrps !== false : o.ags !== false;
    if (wanted) claims[name] = claim;
    else delete claims[name];
  }
  const started = Date.now();
  const res = await postLaunch(tool, jar, { id_token: await emu.sign(claims, o.header), state });
  const html = await res.text();
  return { res, html, token: sessionTokenIn(html), ms: Date.now() - started };
}

/** How long an API call with this session takes to answer (status and milliseconds). */
export async function timedApi(tool: TestTool, token: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await api(tool, '/api/me', token);
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

/** A tool process reached by URL only (the API helpers need nothing else). */
export const at = (url: string) => ({ url }) as TestTool;

/**
 * The sandbox handshake over HTTP only, for tool processes the test does not run itself: login initiation at
 * `loginAt`, the sandbox's auth endpoint at `publicUrl`, and the id_token posted to `launchAt`.
 */
export async function httpLaunch(o: { publicUrl: string; loginAt: string; launchAt: string; persona: string }) {
  const jar = new CookieJar();
  const params = new URLSearchParams({
    iss: `${o.publicUrl}/sandbox`,
    login_hint: o.persona,
    target_link_uri: `${o.publicUrl}/lti/launch`,
    client_id: 'staffroom-sandbox-client',
    lti_deployment_id: 'sandbox-deployment-1',
    lti_message_hint: '{}',
  });
  const login = await fetch(`${o.loginAt}/lti/login`, { method: 'POST', body: params, redirect: 'manual' });
  jar.store(login);
  const form = await authorizeAtPlatform(login);
  const res = await postLaunch(at(o.launchAt), jar, form.fields);
  const token = sessionTokenIn(await res.text());
  return { res, token, fields: form.fields, replayAt: (url: string) => postLaunch(at(url), jar, form.fields) };
}

/**
 * A cohort held by the admin's course with a framework of `competencies` competencies under one domain, each
 * reporting to the LMS gradebook (the domain does not: one passback per rating), and a module of `steps`
 * reflections. The cohort row is inserted directly (as the module tests do); the rest goes through the API.
 */
export async function gradedCohort(tool: TestTool, db: Knex, admin: Who, competencies: number, steps: number) {
  const cohortId = await buildCohort(db, admin.contextId, { title: 'Resilience cohort' });
  const framework = (await call(tool, 'POST', '/api/competency-frameworks', admin, { title: 'Resilience framework' })).body.id as string;
  const add = async (parentId: string | null, kind: string, identifier: string) =>
    (await call(tool, 'POST', `/api/competency-frameworks/${framework}/competencies`, admin, { parentId, kind, identifier, title: identifier })).body.competencyId as string;
  const domain = await add(null, 'domain', 'D');
  const competencyIds: string[] = [];
  for (let c = 0; c < competencies; c++) competencyIds.push(await add(domain, 'competency', `D.${c}`));
  const linked = await call(tool, 'PUT', `/api/cohorts/${cohortId}/competencies`, admin, { frameworkId: framework, competencies: [{ competencyId: domain }, ...competencyIds.map((competencyId) => ({ competencyId, reportsToGradebook: true }))] });
  if (linked.status !== 200) throw new Error(`link framework: ${linked.status}`);
  const reflections = Array.from({ length: steps }, (_, s) => ({ kind: 'reflect' as const, title: `Reflect ${s}`, estimatedMinutes: 5, content: { prompt: 'What did you notice?', visibility: 'choice' } }));
  const { moduleId, stepIds } = steps > 0 ? await publishModule(tool, admin, cohortId, { title: 'Resilience module', steps: reflections }) : { moduleId: '', stepIds: [] as string[] };
  return { cohortId, competencyIds, moduleId, stepIds };
}

/** Rates a person on a competency through the process at `url` (POST …/ratings). */
export const rate = (url: string, rater: Who, cohortId: string, userId: string, competencyId: string, level: string) =>
  call(at(url), 'POST', `/api/cohorts/${cohortId}/people/${userId}/competencies/${competencyId}/ratings`, rater, { level, comment: '', evidenceIds: [] });
