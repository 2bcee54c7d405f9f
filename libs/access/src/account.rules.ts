import { ROLES, type Role } from '#core';
import { AccessException } from './access.exception.js';
import type { NewRole, UserView } from './accounts.service.js';
import type { RoleAssignment } from './entities/role-assignment.entity.js';
import type { User } from './entities/user.entity.js';

export interface RoleGrantInput {
  role: Role;
  authorityCode: string | null;
  teamId: number | null;
}

/** A role to grant, as stored, or the refusal: the role must be one there is, and only an admin's may be deployment-wide. */
export function checkedRoleGrant(input: NewRole): RoleGrantInput {
  if (!ROLES.includes(input.role)) throw AccessException.invalid(`role must be one of ${ROLES.join(', ')}`);
  const authorityCode = input.authorityCode ?? null;
  const teamId = input.teamId ?? null;
  if (authorityCode === null && input.role !== 'admin') throw AccessException.invalid(`authorityCode is required for the role ${input.role}`);
  return { role: input.role, authorityCode, teamId };
}

/**
 * Why the grant cannot be made, given whether its authority is known and the council of its team
 * (null when there is no such team), or null when it can: a team member needs a team of the same
 * council, and no other role has a team.
 */
export function roleGrantRefusal(grant: RoleGrantInput, facts: { authorityKnown: boolean; teamAuthority: string | null }): AccessException | null {
  if (grant.authorityCode !== null && !facts.authorityKnown) return AccessException.invalid(`Authority ${grant.authorityCode} is not known: add its teams or a report first`);
  if (grant.role === 'team_member') {
    if (grant.teamId === null) return AccessException.invalid('teamId is required for a team_member: the team whose actions they update');
    if (facts.teamAuthority === null || facts.teamAuthority !== grant.authorityCode) return AccessException.invalid(`Team ${grant.teamId} is not a team of authority ${grant.authorityCode}`);
  } else if (grant.teamId !== null) {
    return AccessException.invalid('teamId is only for the team_member role');
  }
  return null;
}

/** An account as admins and the person see it: whether it can sign in, its roles in the order granted. */
export function toUserView(user: Pick<User, 'id' | 'email' | 'displayName' | 'passwordHash' | 'deactivatedAt' | 'oidcSubject' | 'createdAt'> & { roles?: Pick<RoleAssignment, 'id' | 'role' | 'authorityCode' | 'teamId'>[] }): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    canSignIn: user.passwordHash !== null && user.deactivatedAt === null,
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    usesSingleSignOn: user.oidcSubject !== null,
    roles: [...(user.roles ?? [])]
      .sort((a, b) => a.id - b.id)
      .map((assignment) => ({ id: assignment.id, role: assignment.role, authorityCode: assignment.authorityCode, teamId: assignment.teamId })),
    createdAt: user.createdAt.toISOString(),
  };
}
