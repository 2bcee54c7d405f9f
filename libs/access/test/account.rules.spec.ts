import { describe, expect, it } from 'vitest';
import { AccessErrorCode, checkedRoleGrant, roleGrantRefusal, toUserView } from '#access';
import type { Role } from '#core';

const COUNCIL = 'E09000001';

describe('a role to grant', () => {
  it('is one there is, with a council unless it is a deployment-wide admin', () => {
    expect(checkedRoleGrant({ role: 'admin' })).toEqual({ role: 'admin', authorityCode: null, teamId: null });
    expect(checkedRoleGrant({ role: 'viewer', authorityCode: COUNCIL })).toEqual({ role: 'viewer', authorityCode: COUNCIL, teamId: null });
    expect(() => checkedRoleGrant({ role: 'owner' as Role, authorityCode: COUNCIL })).toThrow(/role must be one of admin/);
    expect(() => checkedRoleGrant({ role: 'board_member', authorityCode: null })).toThrow('authorityCode is required for the role board_member');
  });

  it('needs a known council, a team of that council for a team member, and no team for anyone else', () => {
    const known = { authorityKnown: true, teamAuthority: COUNCIL };
    expect(roleGrantRefusal({ role: 'team_member', authorityCode: COUNCIL, teamId: 4 }, known)).toBeNull();
    expect(roleGrantRefusal({ role: 'admin', authorityCode: null, teamId: null }, { authorityKnown: false, teamAuthority: null })).toBeNull();
    expect(roleGrantRefusal({ role: 'viewer', authorityCode: COUNCIL, teamId: null }, { authorityKnown: false, teamAuthority: null })?.message).toBe(`Authority ${COUNCIL} is not known: add its teams or a report first`);
    expect(roleGrantRefusal({ role: 'team_member', authorityCode: COUNCIL, teamId: null }, known)?.message).toMatch(/teamId is required for a team_member/);
    expect(roleGrantRefusal({ role: 'team_member', authorityCode: COUNCIL, teamId: 4 }, { authorityKnown: true, teamAuthority: 'E09000002' })?.message).toBe(`Team 4 is not a team of authority ${COUNCIL}`);
    expect(roleGrantRefusal({ role: 'team_member', authorityCode: COUNCIL, teamId: 4 }, { authorityKnown: true, teamAuthority: null })?.code).toBe(AccessErrorCode.INVALID_INPUT);
    expect(roleGrantRefusal({ role: 'board_member', authorityCode: COUNCIL, teamId: 4 }, known)?.message).toBe('teamId is only for the team_member role');
  });
});

describe('an account as shown', () => {
  const user = {
    id: 2,
    email: 'sam@council.example',
    displayName: 'Sam',
    passwordHash: 'scrypt$x',
    deactivatedAt: null,
    oidcSubject: null,
    createdAt: new Date('2026-03-02T09:00:00Z'),
    roles: [
      { id: 9, role: 'viewer' as const, authorityCode: COUNCIL, teamId: null },
      { id: 3, role: 'team_member' as const, authorityCode: COUNCIL, teamId: 4 },
    ],
  };

  it('can sign in with a password and not deactivated, and lists its roles in the order granted', () => {
    expect(toUserView(user)).toEqual({
      id: 2,
      email: 'sam@council.example',
      displayName: 'Sam',
      canSignIn: true,
      deactivatedAt: null,
      usesSingleSignOn: false,
      roles: [
        { id: 3, role: 'team_member', authorityCode: COUNCIL, teamId: 4 },
        { id: 9, role: 'viewer', authorityCode: COUNCIL, teamId: null },
      ],
      createdAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('cannot sign in without a password or once deactivated; says when it uses single sign-on', () => {
    expect(toUserView({ ...user, passwordHash: null }).canSignIn).toBe(false);
    expect(toUserView({ ...user, deactivatedAt: new Date('2026-03-03T00:00:00Z') })).toMatchObject({ canSignIn: false, deactivatedAt: '2026-03-03T00:00:00.000Z' });
    expect(toUserView({ ...user, oidcSubject: 'abc', roles: undefined })).toMatchObject({ usesSingleSignOn: true, roles: [] });
  });
});
