import { beforeEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '#config';
import type { Action, ActionUpdate, UnitOfWork } from '#database';
import type { IsoDate, RequestContext } from '#core';
import type { ActionRepository } from '../src/action.repository.js';
import { ActionsService } from '../src/actions.service.js';
import { TrackingErrorCode } from '../src/tracking.exception.js';

const COUNCIL = 'E09000001';

/** The actions and their journal in memory, with the repository's version rule: a write at a stale version is lost. */
class InMemoryActions {
  readonly actions = new Map<number, Action>();
  readonly journal: Partial<ActionUpdate>[] = [];
  readonly boardDateChanges: { actionId: number; dueDate: IsoDate; reason: string; at: Date }[] = [];
  readonly teams = new Map<number, string>([
    [7, COUNCIL],
    [8, COUNCIL],
    [9, 'E09000002'],
  ]);
  evidence = 0;
  openChallenges = 0;

  async find(id: number): Promise<Action | null> {
    const action = this.actions.get(id);
    return action ? { ...action } : null;
  }
  async journalOf(actionId: number): Promise<ActionUpdate[]> {
    return this.journal.filter((entry) => entry.actionId === actionId).map((entry, index) => ({ id: index + 1, removedAt: null, ...entry }) as ActionUpdate);
  }
  async governanceRecordsOf() {
    return { challenges: [], dateRequests: [], milestones: [], evidenceFiles: [] };
  }
  async teamAuthority(_manager: unknown, teamId: number): Promise<string | null> {
    return this.teams.get(teamId) ?? null;
  }
  async workflowCounts() {
    return { evidence: this.evidence, openChallenges: this.openChallenges };
  }
  async applyChange(_manager: unknown, id: number, expectedVersion: number, set: Partial<Action>, now: Date): Promise<boolean> {
    const action = this.actions.get(id)!;
    if (action.version !== expectedVersion) return false;
    this.actions.set(id, { ...action, ...set, version: action.version + 1, updatedAt: now });
    return true;
  }
  async touch(_manager: unknown, id: number, now: Date): Promise<void> {
    this.actions.set(id, { ...this.actions.get(id)!, updatedAt: now });
  }
  async appendJournal(_manager: unknown, ...entries: Partial<ActionUpdate>[]): Promise<void> {
    this.journal.push(...entries);
  }
  async recordBoardDateChange(_manager: unknown, action: Action, dueDate: IsoDate, reason: string, _context: RequestContext, at: Date): Promise<void> {
    this.boardDateChanges.push({ actionId: action.id, dueDate, reason, at });
  }
}

const NOW = new Date('2026-03-02T09:30:00Z');
const clock = { now: () => NOW, today: () => '2026-03-02' };
/** One transaction at a time, as on SQLite; the repository fake needs no manager. */
const unitOfWork = { run: <T>(work: (manager: never) => Promise<T>) => work(undefined as never) } as unknown as UnitOfWork;
const config = { RAG_BASIS: 'current' } as AppConfig;

const teamMember: RequestContext = { userId: 5, actorName: 'Dana Team', authorities: [COUNCIL], roles: [{ role: 'team_member', authorityCode: COUNCIL, teamId: 7 }] };
const boardMember: RequestContext = { userId: 6, actorName: 'Bo Board', authorities: [COUNCIL], roles: [{ role: 'board_member', authorityCode: COUNCIL, teamId: null }] };
const otherCouncil: RequestContext = { userId: 7, actorName: 'Olly Other', authorities: ['E09000002'], roles: [{ role: 'board_member', authorityCode: 'E09000002', teamId: null }] };

function anAction(id: number): Action {
  return {
    id,
    recommendationId: 1,
    reportId: 1,
    authorityCode: COUNCIL,
    timeframe: 'three_months',
    addressee: 'local_authority',
    title: 'Improve supervision',
    teamId: 7,
    team: { id: 7, name: 'Front door' },
    leadOfficer: null,
    status: 'in_progress',
    ragOverride: null,
    ragOverrideNote: null,
    originalDueDate: '2026-06-01',
    dueDate: '2026-06-01',
    dueDateAssumed: false,
    dueDateReason: null,
    whatWillBeDone: null,
    successMeasure: null,
    completedAt: null,
    signedOffAt: null,
    signedOffBy: null,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    version: 1,
  } as Action;
}

describe('ActionsService with the actions in memory', () => {
  let store: InMemoryActions;
  let service: ActionsService;

  beforeEach(() => {
    store = new InMemoryActions();
    store.actions.set(1, anAction(1));
    service = new ActionsService(store as unknown as ActionRepository, unitOfWork, clock, config);
  });

  it('writes a change at the next version and journals it at the time of the injected clock', async () => {
    const detail = await service.update(1, { leadOfficer: 'Sam Lead', note: 'Agreed' }, 1, boardMember);
    expect(detail).toMatchObject({ version: 2, leadOfficer: 'Sam Lead', updatedAt: NOW.toISOString() });
    expect(store.journal).toEqual([
      expect.objectContaining({ actionId: 1, kind: 'changed', actorUserId: 6, actorName: 'Bo Board', createdAt: NOW, note: 'Agreed', changes: [{ field: 'leadOfficer', from: null, to: 'Sam Lead' }] }),
    ]);
  });

  it('refuses a stale version and writes nothing', async () => {
    await expect(service.update(1, { leadOfficer: 'Sam Lead' }, 0, boardMember)).rejects.toMatchObject({ code: TrackingErrorCode.STALE_VERSION, details: { currentVersion: 1 } });
    expect(store.journal).toEqual([]);
    expect(store.actions.get(1)?.version).toBe(1);
  });

  it('loses to a writer that came between the read and the write, with nothing journalled', async () => {
    store.applyChange = async () => false;
    await expect(service.update(1, { leadOfficer: 'Sam Lead' }, 1, boardMember)).rejects.toMatchObject({ code: TrackingErrorCode.STALE_VERSION, details: {} });
    expect(store.journal).toEqual([]);
  });

  it('reads the evidence on the action before letting completion be proposed', async () => {
    await expect(service.update(1, { status: 'awaiting_sign_off', note: 'Done' }, 1, teamMember)).rejects.toMatchObject({ code: TrackingErrorCode.WORKFLOW_INCOMPLETE });
    store.evidence = 1;
    const detail = await service.update(1, { status: 'awaiting_sign_off', note: 'Done' }, 1, teamMember);
    expect(detail).toMatchObject({ status: 'awaiting_sign_off', completedAt: NOW.toISOString(), awaitingSignOff: true });
  });

  it("puts a board member's own new due date on record as an approved request", async () => {
    await service.update(1, { dueDate: '2026-08-01', dueDateReason: 'Staff shortage' }, 1, boardMember);
    expect(store.boardDateChanges).toEqual([{ actionId: 1, dueDate: '2026-08-01', reason: 'Staff shortage', at: NOW }]);
    expect(store.actions.get(1)).toMatchObject({ dueDate: '2026-08-01', dueDateReason: 'Staff shortage', version: 2 });
  });

  it("refuses another council's team, and hides another council's action as not found", async () => {
    await expect(service.update(1, { teamId: 9 }, 1, boardMember)).rejects.toMatchObject({ code: TrackingErrorCode.INVALID_INPUT });
    await expect(service.update(1, { leadOfficer: 'X' }, 1, otherCouncil)).rejects.toMatchObject({ code: TrackingErrorCode.NOT_FOUND });
    expect(store.journal).toEqual([]);
  });

  it('writes nothing when the request changes and says nothing', async () => {
    await service.update(1, { title: 'Improve supervision' }, 1, boardMember);
    expect(store.journal).toEqual([]);
    expect(store.actions.get(1)?.version).toBe(1);
  });

  it('journals progress and marks the action updated at the time of the injected clock, without a new version', async () => {
    const detail = await service.addProgress(1, { note: 'Audit booked' }, teamMember);
    expect(detail).toMatchObject({ version: 1, updatedAt: NOW.toISOString() });
    expect(detail.journal).toEqual([expect.objectContaining({ kind: 'progress', note: 'Audit booked', at: NOW.toISOString() })]);
  });
});
