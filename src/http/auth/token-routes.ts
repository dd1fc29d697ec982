/**
 * /api/v1/tokens (admin only, by the access policy): issue a token (201, its secret shown this
 * once), list tokens (never a secret nor a hash), revoke one (DELETE or POST …/revoke; refused
 * from the next request on, on every instance sharing the store).
 */
import { Router, type Request, type Response } from 'express';
import type { Principal } from '../../auth/roles.ts';
import type { TokenService } from '../../auth/token-service.ts';
import { refuseIfMatch } from '../if-match.ts';
import { parseBody, parseParams } from '../validate.ts';
import { principalOf } from './principal.ts';
import { issueTokenBodySchema, tokenParamsSchema } from './token-schemas.ts';

function admin(req: Request): Principal {
  const principal = principalOf(req);
  if (!principal) throw new Error('a token route was reached without an authenticated principal');
  return principal;
}

export function tokenRoutes(tokens: TokenService): Router {
  const router = Router();

  router.post('/tokens', async (req, res) => {
    refuseIfMatch(req.get('If-Match'));
    const issued = await tokens.issue(parseBody(issueTokenBodySchema, req.body), admin(req));
    res.status(201).set('Cache-Control', 'no-store').json(issued);
  });

  router.get('/tokens', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ tokens: await tokens.list() });
  });

  const revoke = async (req: Request, res: Response) => {
    const { tokenId } = parseParams(tokenParamsSchema, req.params);
    refuseIfMatch(req.get('If-Match'));
    res.json(await tokens.revoke(tokenId, admin(req)));
  };
  router.delete('/tokens/:tokenId', revoke);
  router.post('/tokens/:tokenId/revoke', revoke);

  return router;
}
