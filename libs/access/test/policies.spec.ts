import { describe, expect, it } from 'vitest';
import {
  holdsPermissionSomewhere,
  mayAddProgress,
  mayAdministerCouncil,
  mayGrantRole,
  mayIngestReport,
  mayManageAccount,
  mayManageTeam,
  mayReviewAction,
  mayUpdateAction,
  mayUpdateReport,
} from '../src/index.js';
import { hashPassword, sameDigest, verifyPassword } from '../src/secrets.js';
import type { RequestContext, RoleGrant } from '#core';

const A = 'E09000005';
const B = 'E09000031';

function caller(...roles: RoleGrant[]): RequestContext {
  const isAdmin = roles.some((grant) => grant.role === 'admin' && grant.authorityCode === null);
  return { userId: 1, actorName: 'someone', roles, isAdmin, authorities: isAdmin ? 'all' : [...new Set(roles.map((grant) => grant.authorityCode!))] };
}

const ownAction = { authorityCode: A, teamId: 7 };
const otherTeamsAction = { authorityCode: A, teamId: 8 };

describe('resource policies', () => {
  it('lets a team member change only the status of, and add notes to, their own team\'s actions', () => {
    const member = caller({ role: 'team_member', authorityCode: A, teamId: 7 });
    expect(mayUpdateAction(member, ownAction, { status: 'in_progress', note: 'started' }).allowed).toBe(true);
    expect(mayUpdateAction(member, ownAction, { status: 'in_progress', dueDate: undefined }).allowed).toBe(true);
    expect(mayUpdateAction(member, ownAction, { teamId: 8 }).allowed).toBe(false);
    expect(mayUpdateAction(member, ownAction, { dueDate: '2016-01-01', dueDateReason: 'x' }).allowed).toBe(false);
    expect(mayUpdateAction(member, otherTeamsAction, { status: 'in_progress' }).allowed).toBe(false);
    expect(mayUpdateAction(member, { authorityCode: A, teamId: null }, { status: 'in_progress' }).allowed).toBe(false);
    expect(mayAddProgress(member, ownAction).allowed).toBe(true);
    expect(mayAddProgress(member, otherTeamsAction).allowed).toBe(false);
  });

  it('scopes every role to its authority; a global admin and the system pass everywhere', () => {
    const board = caller({ role: 'board_member', authorityCode: A, teamId: null });
    expect(mayUpdateAction(board, { authorityCode: B, teamId: null }, { status: 'blocked' }).allowed).toBe(false);
    expect(mayIngestReport(board, { authorityCode: A }).allowed).toBe(true);
    expect(mayIngestReport(board, { authorityCode: B }).allowed).toBe(false);
    const admin = caller({ role: 'admin', authorityCode: null, teamId: null });
    expect(mayManageTeam(admin, { authorityCode: B }).allowed).toBe(true);
    const system: RequestContext = { userId: null, actorName: 'system', authorities: 'all' };
    expect(mayIngestReport(system, { authorityCode: B }).allowed).toBe(true);
    const adminOfA = caller({ role: 'admin', authorityCode: A, teamId: null });
    expect(mayManageTeam(adminOfA, { authorityCode: B }).allowed).toBe(false);
    expect(holdsPermissionSomewhere(adminOfA, 'users.manage')).toBe(false);
  });

  it('lets the chair review but not edit, and the viewer do neither', () => {
    const chair = caller({ role: 'lscb_chair', authorityCode: A, teamId: null });
    expect(mayReviewAction(chair, ownAction).allowed).toBe(true);
    expect(mayReviewAction(chair, { authorityCode: B, teamId: null }).allowed).toBe(false);
    expect(mayUpdateAction(chair, ownAction, { status: 'completed' }).allowed).toBe(false);
    const viewer = caller({ role: 'viewer', authorityCode: A, teamId: null });
    expect(holdsPermissionSomewhere(viewer, 'read')).toBe(true);
    expect(holdsPermissionSomewhere(viewer, 'action.update')).toBe(false);
    expect(mayReviewAction(viewer, ownAction).allowed).toBe(false);
  });
});

describe('council admin', () => {
  const councilAdmin = caller({ role: 'council_admin', authorityCode: A, teamId: null });

  it('sets up its own council: teams, people, contacts and reports, and nothing of another', () => {
    expect(mayManageTeam(councilAdmin, { authorityCode: A }).allowed).toBe(true);
    expect(mayAdministerCouncil(councilAdmin, { authorityCode: A }).allowed).toBe(true);
    expect(mayIngestReport(councilAdmin, { authorityCode: A }).allowed).toBe(true);
    expect(mayManageTeam(councilAdmin, { authorityCode: B }).allowed).toBe(false);
    expect(mayAdministerCouncil(councilAdmin, { authorityCode: B }).allowed).toBe(false);
    expect(mayUpdateReport(councilAdmin, { authorityCode: A }).allowed).toBe(false);
    expect(holdsPermissionSomewhere(councilAdmin, 'users.manage')).toBe(false);
    const board = caller({ role: 'board_member', authorityCode: A, teamId: null });
    expect(mayAdministerCouncil(board, { authorityCode: A }).allowed).toBe(false);
  });

  it('triages owners but leaves progress, dates and reviews to the board, the teams and the chair', () => {
    expect(mayUpdateAction(councilAdmin, ownAction, { teamId: 8, leadOfficer: 'Sam Lee' }).allowed).toBe(true);
    expect(mayUpdateAction(councilAdmin, { authorityCode: A, teamId: null }, { teamId: 7 }).allowed).toBe(true);
    const refused = mayUpdateAction(councilAdmin, ownAction, { status: 'completed' });
    expect(refused).toEqual({ allowed: false, reason: expect.stringContaining('only the owning team and lead officer') });
    expect(mayUpdateAction(councilAdmin, ownAction, { dueDate: '2016-01-01', dueDateReason: 'x' }).allowed).toBe(false);
    expect(mayUpdateAction(councilAdmin, { authorityCode: B, teamId: null }, { teamId: 9 }).allowed).toBe(false);
    expect(mayAddProgress(councilAdmin, ownAction).allowed).toBe(false);
    expect(mayReviewAction(councilAdmin, ownAction).allowed).toBe(false);
    // Also in the owning team: what the team may do, still.
    const both = caller({ role: 'council_admin', authorityCode: A, teamId: null }, { role: 'team_member', authorityCode: A, teamId: 7 });
    expect(mayUpdateAction(both, ownAction, { status: 'in_progress' }).allowed).toBe(true);
  });

  it('hands out its own council’s roles but never an admin’s', () => {
    expect(mayGrantRole(councilAdmin, { role: 'board_member', authorityCode: A, teamId: null }).allowed).toBe(true);
    expect(mayGrantRole(councilAdmin, { role: 'council_admin', authorityCode: A, teamId: null }).allowed).toBe(true);
    expect(mayGrantRole(councilAdmin, { role: 'board_member', authorityCode: B, teamId: null }).allowed).toBe(false);
    expect(mayGrantRole(councilAdmin, { role: 'admin', authorityCode: A, teamId: null }).allowed).toBe(false);
    expect(mayGrantRole(councilAdmin, { role: 'admin', authorityCode: null, teamId: null }).allowed).toBe(false);
    const admin = caller({ role: 'admin', authorityCode: null, teamId: null });
    expect(mayGrantRole(admin, { role: 'admin', authorityCode: null, teamId: null }).allowed).toBe(true);
  });

  it('deactivates only accounts that work for councils it administers', () => {
    const ofA = { userId: 5, roles: [{ role: 'viewer', authorityCode: A, teamId: null }] as RoleGrant[] };
    const ofAandB = { userId: 6, roles: [...ofA.roles, { role: 'viewer', authorityCode: B, teamId: null }] as RoleGrant[] };
    const globalAdmin = { userId: 7, roles: [{ role: 'admin', authorityCode: null, teamId: null }] as RoleGrant[] };
    expect(mayManageAccount(councilAdmin, ofA).allowed).toBe(true);
    expect(mayManageAccount(councilAdmin, ofAandB)).toEqual({ allowed: false, reason: expect.stringContaining('another council') });
    expect(mayManageAccount(councilAdmin, globalAdmin).allowed).toBe(false);
    expect(mayManageAccount(councilAdmin, { userId: 8, roles: [] }).allowed).toBe(false);
    expect(mayManageAccount(caller({ role: 'admin', authorityCode: null, teamId: null }), ofAandB).allowed).toBe(true);
  });
});

describe('secrets', () => {
  it('hashes passwords with a per-user salt and verifies them', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).not.toBe(second);
    expect(first.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse battery!', first)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('compares digests of different lengths without throwing', () => {
    expect(sameDigest('abc', 'abc')).toBe(true);
    expect(sameDigest('abc', 'abcd')).toBe(false);
  });
});
