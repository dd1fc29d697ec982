/** Request shapes of /api/v1/tokens. */
import { z } from 'zod';
import { ROLES } from '../../auth/roles.ts';
import { TOKEN_ID_PATTERN, TOKEN_NAME_MAX } from '../../auth/token-events.ts';

export const issueTokenBodySchema = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(TOKEN_NAME_MAX)
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must not contain control or format characters')
    .refine((name) => name.trim() === name, 'must not start or end with spaces')
    .meta({ description: 'Who or what uses the token (recorded as recordedBy of its commands); unique among active tokens.' }),
  role: z.enum(ROLES),
});

export const tokenParamsSchema = z.strictObject({
  tokenId: z.string().max(32).regex(TOKEN_ID_PATTERN, 'must be a token id (tk_ and 16 characters)'),
});
