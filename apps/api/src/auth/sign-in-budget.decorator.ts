import { Throttle } from '@nestjs/throttler';

/**
 * Password sign-in through the API (`POST /api/auth/login`) and through the page (`POST /sign-in`)
 * draw on one budget per client address: AUTH_RATE_LIMIT attempts a minute in all, not that many
 * on each route, so guessing cannot go twice as fast by alternating. The client address is
 * Express's `request.ip`, which believes `X-Forwarded-For` only from TRUSTED_PROXIES.
 */
export const SignInBudget = () => Throttle({ default: { generateKey: (_context, tracker, throttler) => `password-sign-in:${throttler}:${tracker}` } });
