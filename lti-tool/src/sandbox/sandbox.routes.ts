import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import { autopostPage, sandboxPage } from './sandbox.page';
import type { SandboxPlatform } from './sandbox.platform';
import type { SandboxTokenEndpoint } from './sandbox.token';

/** The sandbox platform's HTTP endpoints under /sandbox (mounted only outside production). */
export function sandboxRoutes(deps: { platform: SandboxPlatform; tokens: SandboxTokenEndpoint; loginUrl: string }): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const { platform } = deps;

  router.use('/sandbox/assets', express.static(path.join(__dirname, 'assets'), { index: false }));
  router.get('/sandbox', async (_req, res) => {
    res.type('html').send(sandboxPage(platform.identity, deps.loginUrl, await platform.links.list()));
  });
  router.get('/sandbox/jwks', async (_req, res) => {
    res.json(await platform.jwks());
  });
  const auth = async (req: Request, res: Response) => {
    const params = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown>;
    const answer = await platform.authorize(params ?? {});
    res.set('cache-control', 'no-store').type('html').send(autopostPage(answer.redirectUri, { id_token: answer.idToken, state: answer.state }));
  };
  router.get('/sandbox/auth', auth);
  router.post('/sandbox/auth', form, auth);
  router.post('/sandbox/token', form, async (req, res) => {
    res.set('cache-control', 'no-store').json(await deps.tokens.issue((req.body ?? {}) as Record<string, unknown>));
  });
  return router;
}
