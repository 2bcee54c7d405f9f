import { Injectable, Logger } from '@nestjs/common';
import { AccessErrorCode, AccessException } from './access.exception.js';
import { AccountsService, type UserView } from './accounts.service.js';
import { AccountLinksService, type IssuedLink } from './account-links.service.js';
import { assertMay } from './policies/index.js';
import { canSeeAuthority, type CouncilRole, type RequestContext } from '#core';

/** One person as a council's people page shows them: their roles in that council only. */
export interface CouncilPerson extends UserView {
  /** The roles this council gave them; roles elsewhere are not this council's business. */
  councilRoles: UserView['roles'];
  /** Until when their invitation works, while they have not used it. */
  invitationExpiresAt: string | null;
  state: 'active' | 'invited' | 'invitation_expired' | 'deactivated';
}

export interface Invitation {
  email: string;
  displayName: string;
  role: CouncilRole;
  teamId?: number | null;
}

export interface InvitationResult {
  person: CouncilPerson;
  /** The one-off link to email; null when the person could already sign in and was only given the role. */
  link: IssuedLink | null;
}

/**
 * A council's people, as its council admin manages them: invitations with a one-off link, roles in
 * that council, password reset links and deactivation. Each change is checked by the access
 * policies for the council it touches; a person with no role in the council is not found there.
 */
@Injectable()
export class CouncilPeopleService {
  private readonly logger = new Logger(CouncilPeopleService.name);

  constructor(
    private readonly accounts: AccountsService,
    private readonly links: AccountLinksService,
  ) {}

  async list(authorityCode: string, context: RequestContext, now: Date): Promise<CouncilPerson[]> {
    this.assertAdministers(context, authorityCode);
    const people = await this.accounts.listUsersOf(authorityCode);
    const invitations = await this.links.pendingInvitations(
      people.map((person) => person.id),
      now,
    );
    return people.map((person) => toCouncilPerson(person, authorityCode, invitations.get(person.id) ?? null));
  }

  async get(authorityCode: string, userId: number, context: RequestContext, now: Date): Promise<CouncilPerson> {
    this.assertAdministers(context, authorityCode);
    const person = await this.accounts.view(userId).catch(() => null);
    if (!person || !person.roles.some((grant) => grant.authorityCode === authorityCode)) throw AccessException.notFound(`Person ${userId} was not found`);
    const invitations = await this.links.pendingInvitations([userId], now);
    return toCouncilPerson(person, authorityCode, invitations.get(userId) ?? null);
  }

  /**
   * Gives someone a role in the council. A new address gets an account without a password and an
   * invitation link (72 hours); someone who already has an account is given the role, and sent a
   * new invitation only if they never set a password.
   */
  async invite(authorityCode: string, invitation: Invitation, context: RequestContext, now: Date): Promise<InvitationResult> {
    this.assertAdministers(context, authorityCode);
    const grant = { role: invitation.role, authorityCode, teamId: invitation.role === 'team_member' ? (invitation.teamId ?? null) : null };
    assertMay(context, 'role.grant', grant);
    const existing = await this.accounts.findByEmail(invitation.email);
    if (existing?.deactivatedAt) {
      throw new AccessException(AccessErrorCode.CONFLICT, `${existing.email} belongs to a deactivated account: ask an administrator of the whole deployment to reactivate it`);
    }
    const user = existing ? await this.accounts.view(existing.id) : await this.accounts.createUser({ email: invitation.email, displayName: invitation.displayName });
    await this.accounts.grantRole(user.id, grant);
    const link = existing?.passwordHash ? null : await this.links.issue(user.id, 'invitation', now, context.userId);
    this.logger.log({ message: 'Person invited to a council', userId: user.id, authorityCode, role: invitation.role, byUserId: context.userId });
    return { person: await this.get(authorityCode, user.id, context, now), link };
  }

  /** A new invitation link for someone who has not set a password yet; the earlier link stops working. */
  async reinvite(authorityCode: string, userId: number, context: RequestContext, now: Date): Promise<IssuedLink> {
    const person = await this.get(authorityCode, userId, context, now);
    assertMay(context, 'account.manage', { userId, roles: person.roles });
    if (person.state === 'deactivated') throw AccessException.invalid(`${person.displayName}'s account is deactivated`);
    if (person.canSignIn) throw AccessException.invalid(`${person.displayName} has set a password already: send a password reset link instead`);
    return this.links.issue(userId, 'invitation', now, context.userId);
  }

  /** A password reset link (1 hour) an admin sends for someone who is locked out or forgot. */
  async sendPasswordReset(authorityCode: string, userId: number, context: RequestContext, now: Date): Promise<IssuedLink> {
    const person = await this.get(authorityCode, userId, context, now);
    assertMay(context, 'account.manage', { userId, roles: person.roles });
    if (person.state === 'deactivated') throw AccessException.invalid(`${person.displayName}'s account is deactivated`);
    return this.links.issue(userId, 'password_reset', now, context.userId);
  }

  async grantRole(authorityCode: string, userId: number, role: CouncilRole, teamId: number | null, context: RequestContext, now: Date): Promise<CouncilPerson> {
    await this.get(authorityCode, userId, context, now);
    const grant = { role, authorityCode, teamId: role === 'team_member' ? teamId : null };
    assertMay(context, 'role.grant', grant);
    await this.accounts.grantRole(userId, grant);
    return this.get(authorityCode, userId, context, now);
  }

  /** Takes away one of the person's roles in this council; roles elsewhere are not found here. */
  async revokeRole(authorityCode: string, userId: number, roleId: number, context: RequestContext, now: Date): Promise<void> {
    const person = await this.get(authorityCode, userId, context, now);
    const role = person.councilRoles.find((grant) => grant.id === roleId);
    if (!role) throw AccessException.notFound(`${person.displayName} has no role ${roleId} in this council`);
    if (userId === context.userId && role.role === 'council_admin' && !context.isAdmin) {
      throw AccessException.invalid('You cannot take away your own council admin role: ask another council admin');
    }
    await this.accounts.revokeRole(userId, roleId);
  }

  /** They can no longer sign in or use their tokens; the journal still names them. */
  async deactivate(authorityCode: string, userId: number, context: RequestContext, now: Date): Promise<CouncilPerson> {
    const person = await this.get(authorityCode, userId, context, now);
    assertMay(context, 'account.manage', { userId, roles: person.roles });
    if (userId === context.userId) throw AccessException.invalid('You cannot deactivate your own account');
    await this.accounts.deactivate(userId, now);
    return this.get(authorityCode, userId, context, now);
  }

  async reactivate(authorityCode: string, userId: number, context: RequestContext, now: Date): Promise<CouncilPerson> {
    const person = await this.get(authorityCode, userId, context, now);
    assertMay(context, 'account.manage', { userId, roles: person.roles });
    await this.accounts.reactivate(userId);
    return this.get(authorityCode, userId, context, now);
  }

  private assertAdministers(context: RequestContext, authorityCode: string): void {
    if (!canSeeAuthority(context, authorityCode)) throw AccessException.notFound(`Authority ${authorityCode} was not found`);
    assertMay(context, 'council.administer', { authorityCode });
  }
}

function toCouncilPerson(person: UserView, authorityCode: string, invitationExpiresAt: Date | null): CouncilPerson {
  const state: CouncilPerson['state'] = person.deactivatedAt
    ? 'deactivated'
    : person.canSignIn || person.usesSingleSignOn
      ? 'active'
      : invitationExpiresAt
        ? 'invited'
        : 'invitation_expired';
  return {
    ...person,
    councilRoles: person.roles.filter((grant) => grant.authorityCode === authorityCode),
    invitationExpiresAt: invitationExpiresAt?.toISOString() ?? null,
    state,
  };
}
