import { describe, expect, it } from 'vitest';
import { fileRemovedEntry, isPastRetention, RETENTION_ACTOR, retentionCutoff, type RetentionCandidate } from '#tracking';

describe('journal retention', () => {
  it('counts back whole calendar years, never shortening the period on 29 February', () => {
    expect(retentionCutoff(new Date('2026-12-02T09:00:00Z'), 6).toISOString()).toBe('2020-12-02T09:00:00.000Z');
    expect(retentionCutoff(new Date('2024-02-29T12:00:00Z'), 1).toISOString()).toBe('2023-02-28T12:00:00.000Z');
    expect(retentionCutoff(new Date('2024-02-29T12:00:00Z'), 4).toISOString()).toBe('2020-02-29T12:00:00.000Z');
  });

  const cutoff = new Date('2009-06-01T09:00:00Z');
  const old: RetentionCandidate = {
    status: 'signed_off',
    closedAt: new Date('2009-01-01T00:00:00Z'),
    createdAt: new Date('2008-05-01T00:00:00Z'),
    hasContent: true,
    removedAt: null,
  };

  it('removes what was written before the cutoff on an action signed off before it', () => {
    expect(isPastRetention(old, cutoff)).toBe(true);
  });

  it('keeps entries of open actions, of actions signed off since the cutoff, entries written since, and entries with nothing left to remove', () => {
    expect(isPastRetention({ ...old, status: 'in_progress' }, cutoff)).toBe(false);
    expect(isPastRetention({ ...old, status: 'awaiting_sign_off' }, cutoff)).toBe(false);
    expect(isPastRetention({ ...old, closedAt: null }, cutoff)).toBe(false);
    expect(isPastRetention({ ...old, closedAt: new Date('2009-06-02T00:00:00Z') }, cutoff)).toBe(false);
    expect(isPastRetention({ ...old, createdAt: new Date('2009-07-01T00:00:00Z') }, cutoff)).toBe(false);
    expect(isPastRetention({ ...old, hasContent: false }, cutoff)).toBe(false);
    expect(isPastRetention({ ...old, removedAt: new Date('2010-01-01T00:00:00Z') }, cutoff)).toBe(false);
  });

  it("journals a removed file by the retention policy, at the clock's now, naming the file", () => {
    const now = new Date('2026-12-02T09:00:00Z');
    expect(fileRemovedEntry({ actionId: 12, fileName: 'audit.pdf' }, now)).toEqual({
      actionId: 12,
      kind: 'evidence',
      actorUserId: null,
      actorName: RETENTION_ACTOR,
      changes: [{ field: 'evidenceFile', from: 'audit.pdf', to: null }],
      note: 'Evidence file removed under the retention policy: audit.pdf',
      evidenceLinks: [],
      createdAt: now,
    });
  });
});
