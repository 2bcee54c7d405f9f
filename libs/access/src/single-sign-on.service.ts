import { Injectable, Logger } from '@nestjs/common';
import { AccountRepository } from './account.repository.js';

/** Who the council's identity provider says signed in. */
export interface ProvidedIdentity {
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
}

export type IdentityMatch = { ok: true; userId: number } | { ok: false; reason: string };

/**
 * Single sign-on finds an account an admin created or invited; it never creates one. The first
 * sign-in matches by the provider's verified email address and binds the account to the
 * provider's subject, so a later change of address at the provider cannot hand the account to
 * whoever gets the old address.
 */
@Injectable()
export class SingleSignOnAccounts {
  private readonly logger = new Logger(SingleSignOnAccounts.name);

  constructor(private readonly users: AccountRepository) {}

  async match(identity: ProvidedIdentity): Promise<IdentityMatch> {
    const bound = await this.users.bySingleSignOnSubject(identity.subject);
    if (bound) return bound.deactivatedAt ? deactivated() : { ok: true, userId: bound.id };
    if (!identity.email || !identity.emailVerified) {
      return { ok: false, reason: 'Your council account did not give a verified email address, so it cannot be matched to an account here. Sign in with your password, or ask your IT team.' };
    }
    const email = identity.email.trim().toLowerCase();
    const user = await this.users.byEmail(email);
    if (!user) return { ok: false, reason: `There is no account for ${email} here. Ask your council’s administrator to invite you: accounts are not created by signing in.` };
    if (user.deactivatedAt) return deactivated();
    if (user.oidcSubject !== null) return { ok: false, reason: `The account for ${email} is linked to a different sign-in at your council. Ask your council’s administrator.` };
    if (!(await this.users.bindSingleSignOn(user.id, identity.subject))) return { ok: false, reason: `The account for ${email} is linked to a different sign-in at your council. Ask your council’s administrator.` };
    this.logger.log({ message: 'Account linked to single sign-on', userId: user.id });
    return { ok: true, userId: user.id };
  }
}

function deactivated(): IdentityMatch {
  return { ok: false, reason: 'This account has been deactivated. Ask your council’s administrator if you still need it.' };
}
