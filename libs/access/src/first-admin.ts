import type { AccountsService } from './accounts.service.js';
import { generatePassword } from './secrets.js';

export interface FirstAdmin {
  userId: number;
  email: string;
  /** Set only when the password was generated here: the caller shows it once. */
  generatedPassword?: string;
}

/** Creates a user who administers the whole deployment (used by `create-admin` and ADMIN_EMAIL). */
export async function createAdmin(access: Pick<AccountsService, 'createUser' | 'grantRole'>, input: { email: string; displayName: string; password?: string }): Promise<FirstAdmin> {
  const generatedPassword = input.password === undefined ? generatePassword() : undefined;
  const user = await access.createUser({ email: input.email, displayName: input.displayName, password: input.password ?? generatedPassword });
  await access.grantRole(user.id, { role: 'admin', authorityCode: null });
  return { userId: user.id, email: user.email, generatedPassword };
}
