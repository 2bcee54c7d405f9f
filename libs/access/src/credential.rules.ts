export const MAX_TOKEN_DAYS = 365;
export const SESSION_HOURS = 8;

/** Recording every use of a token would turn each read into a write; once a minute is enough to audit. */
export const TOKEN_USE_RECORDED_EVERY_MS = 60_000;

/** A token's lifetime in days, or why it cannot have that lifetime. */
export function tokenLifetimeProblem(expiresInDays: number): string | null {
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS) return `expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}`;
  return null;
}

export function tokenExpiry(now: Date, expiresInDays: number): Date {
  return new Date(now.getTime() + expiresInDays * 24 * 60 * 60 * 1000);
}

export function sessionExpiry(now: Date): Date {
  return new Date(now.getTime() + SESSION_HOURS * 60 * 60 * 1000);
}

/** A credential works until the instant it expires (not at it), and never once revoked. */
export function credentialWorks(credential: { expiresAt: Date; revokedAt?: Date | null }, now: Date): boolean {
  return !credential.revokedAt && credential.expiresAt.getTime() > now.getTime();
}

export function shouldRecordTokenUse(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() > TOKEN_USE_RECORDED_EVERY_MS;
}

/** The sessions a user's sign-out everywhere ends: all but the one kept (a password change keeps its own browser signed in). */
export function sessionsToEnd(sessionIds: readonly number[], exceptSessionId?: number): number[] {
  return sessionIds.filter((id) => id !== exceptSessionId);
}
