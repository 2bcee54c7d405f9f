import { describe, expect, it } from 'vitest';
import type { RequestContext } from '#core';
import { evidenceFileRow, evidenceRemoved, evidenceTooLarge, evidenceUploaded } from '../src/evidence-rules.js';
import { TrackingErrorCode } from '../src/tracking.exception.js';

const NOW = new Date('2026-03-02T10:15:00Z');
const team: RequestContext = { userId: 5, actorName: 'Dana Team', authorities: ['E09000001'], roles: [{ role: 'team_member', authorityCode: 'E09000001', teamId: 7 }] };
const upload = { actionId: 12, authorityCode: 'E09000001', fileName: 'audit.pdf', mediaType: 'application/pdf', sizeBytes: 2048, sha256: 'ab'.repeat(32) };

describe('evidence files', () => {
  it('records a file kept in the database, or in the directory store under its random name, as uploaded by the caller now', () => {
    expect(evidenceFileRow({ ...upload, storageKey: null }, team, NOW)).toEqual({
      ...upload,
      storage: 'database',
      storageKey: null,
      uploadedByUserId: 5,
      uploadedByName: 'Dana Team',
      createdAt: NOW,
    });
    expect(evidenceFileRow({ ...upload, storageKey: 'f00d' }, team, NOW)).toMatchObject({ storage: 'directory', storageKey: 'f00d' });
  });

  it('journals the upload with the file name', () => {
    expect(evidenceUploaded(12, 'audit.pdf', team, NOW)).toMatchObject({
      actionId: 12,
      kind: 'evidence',
      actorName: 'Dana Team',
      changes: [{ field: 'evidenceFile', from: null, to: 'audit.pdf' }],
      note: 'Evidence file uploaded: audit.pdf',
      createdAt: NOW,
    });
  });

  it("answers a removed file with the day it went, in London's calendar", () => {
    const gone = evidenceRemoved('audit.pdf', new Date('2026-03-01T23:30:00Z'));
    expect(gone.code).toBe(TrackingErrorCode.EVIDENCE_REMOVED);
    expect(gone.message).toMatch(/^The file audit.pdf was removed on 1 March 2026 under the retention policy/);
  });

  it('names the limit in whole megabytes', () => {
    expect(evidenceTooLarge(10 * 1024 * 1024 + 5).message).toMatch(/larger than 10 MB/);
  });
});
