import { describe, expect, it } from 'vitest';
import type { RequestContext } from '#core';
import { isUploadId, pendingUploadRow, usableUpload } from '../src/pending-uploads.service.js';

const NOW = new Date('2026-03-02T09:00:00Z');
const COUNCIL = 'E09000001';
const uploader: RequestContext = { userId: 5, actorName: 'Una Upload', authorities: [COUNCIL], roles: [{ role: 'council_admin', authorityCode: COUNCIL, teamId: null }] };

describe('pending uploads', () => {
  it('keeps the text with its hash until the lifetime runs out', () => {
    const row = pendingUploadRow('abc', 5, { text: 'hello', fileName: 'r.txt', authorityCode: COUNCIL, draft: {} as never }, NOW, 30);
    expect(row).toMatchObject({ id: 'abc', userId: 5, authorityCode: COUNCIL, fileName: 'r.txt', text: 'hello', expiresAt: new Date('2026-03-02T09:30:00Z') });
    expect(row.textSha256).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
  });

  it('is usable only by its uploader, before it expires, while they can still see its council', () => {
    const upload = { userId: 5, expiresAt: new Date('2026-03-02T09:30:00Z'), authorityCode: COUNCIL };
    expect(usableUpload(upload, uploader, NOW)).toBe(true);
    expect(usableUpload(upload, { ...uploader, userId: 6 }, NOW)).toBe(false);
    expect(usableUpload(upload, uploader, new Date('2026-03-02T09:30:00Z'))).toBe(false);
    expect(usableUpload(upload, { ...uploader, authorities: ['E09000002'] }, NOW)).toBe(false);
  });

  it('looks up only ids the form could have carried', () => {
    expect(isUploadId('a'.repeat(43))).toBe(true);
    expect(isUploadId('a'.repeat(65))).toBe(false);
    expect(isUploadId(['a'])).toBe(false);
  });
});
