/** Issues one token per role through the API (as the bootstrap admin) for the security tests. */
import type { Role } from '../../src/auth/roles.ts';
import { accepted, apiClient } from '../api/api-client.ts';
import type { TestApp } from '../support/start-test-app.ts';

export type RoleTokens = Record<Role, string>;

export async function issueRoleTokens(app: TestApp): Promise<RoleTokens> {
  const admin = apiClient(app.url, { token: app.adminToken });
  const issue = async (role: Role) => (await accepted(admin.post('/api/v1/tokens', { name: `${role} of the test`, role }))).body.token as string;
  return { reader: await issue('reader'), auditor: await issue('auditor'), editor: await issue('editor'), admin: await issue('admin') };
}
