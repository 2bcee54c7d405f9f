import type { AccountLinkPurpose } from './entities/account-link.entity.js';

/** How long each kind of link works. An invitation waits for someone to get round to it; a reset is for now. */
export const LINK_LIFETIME_HOURS: Record<AccountLinkPurpose, number> = { invitation: 72, password_reset: 1 };

/** A link's secret: 256 random bits, base64url. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type LinkLookup =
  | { status: 'valid'; purpose: AccountLinkPurpose; expiresAt: Date; user: { id: number; email: string; displayName: string; hasPassword: boolean } }
  | { status: 'expired' | 'used' | 'unknown' };

/** What the rules read of a stored link and its person. */
export interface StoredAccountLink {
  purpose: AccountLinkPurpose;
  expiresAt: Date;
  usedAt: Date | null;
  user?: { id: number; email: string; displayName: string; passwordHash: string | null; deactivatedAt: Date | null } | null;
}

/** Whether the text can be a link's secret at all: anything else is unknown before the database is asked. */
export function isLinkToken(token: unknown): token is string {
  return typeof token === 'string' && LINK_TOKEN.test(token);
}

/** When a link issued at `now` stops working. */
export function linkExpiry(purpose: AccountLinkPurpose, now: Date): Date {
  return new Date(now.getTime() + LINK_LIFETIME_HOURS[purpose] * 60 * 60 * 1000);
}

/**
 * What a link is at `now`: unknown (no such link, or its person is gone), used, expired (its time
 * is up, or its person was deactivated), or valid with the person it is for.
 */
export function linkStatus(link: StoredAccountLink | null, now: Date): LinkLookup {
  if (!link?.user) return { status: 'unknown' };
  if (link.usedAt) return { status: 'used' };
  if (link.expiresAt.getTime() <= now.getTime() || link.user.deactivatedAt) return { status: 'expired' };
  const user = link.user;
  return { status: 'valid', purpose: link.purpose, expiresAt: link.expiresAt, user: { id: user.id, email: user.email, displayName: user.displayName, hasPassword: user.passwordHash !== null } };
}

/**
 * A link issued within the last `withinMs` expires after this: "issued recently" is judged by the
 * link's expiry, which comes from the same clock as `now`, so no issue time needs storing.
 */
export function recentIssueExpiresAfter(purpose: AccountLinkPurpose, now: Date, withinMs: number): Date {
  return linkExpiry(purpose, new Date(now.getTime() - withinMs));
}

/** What the page says about a link that does not work, and what to do. */
export const LINK_PROBLEMS: Record<'expired' | 'used' | 'unknown', string> = {
  expired: 'This link has expired. Ask for a new one: on the sign-in page choose “Forgotten your password?”, or ask your council’s administrator to send a new invitation.',
  used: 'This link has already been used. Sign in with the password you set, or ask for a new link if you have forgotten it.',
  unknown: 'This link is not complete or is not one we sent. Check you copied the whole link from the email.',
};
