import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../src/password-policy.js';

describe('password policy', () => {
  it('accepts long passphrases and random strings', () => {
    for (const password of ['correct horse battery staple', 'kx8#pq2LmZ9w', 'violet-harbour-tunnel-44', 'demo-password-2015']) {
      expect(passwordProblem(password), password).toBeNull();
    }
  });

  it('refuses what is short, blank or only spaces, counting characters as people do', () => {
    expect(passwordProblem('')).toBe('Enter a password');
    expect(passwordProblem('             ')).toBe('Enter a password that is not only spaces');
    expect(passwordProblem('\t\n  \u00a0       ')).toBe('Enter a password that is not only spaces');
    expect(passwordProblem('short-one')).toMatch(/12 characters or more/);
    // Eleven emoji are 22 UTF-16 units but eleven characters.
    expect(passwordProblem('🐢'.repeat(11))).toMatch(/12 characters or more/);
    expect(passwordProblem('x'.repeat(1001))).toMatch(/1,000 characters or fewer/);
  });

  it('refuses common passwords, patterns and repeats of twelve characters or more', () => {
    for (const password of ['password1234', 'qwertyuiop12', 'aaaaaaaaaaaa', 'Password123!', '123456789012', 'letmein12345', 'abcdefghijklmnop']) {
      expect(passwordProblem(password), password).toMatch(/too easy to guess/);
    }
  });

  it('refuses a password made of the person’s own name or email address', () => {
    const owner = { email: 'jo.bloggs@brent.gov.uk', displayName: 'Jo Bloggs' };
    expect(passwordProblem('jo.bloggs@brent.gov.uk', owner)).toMatch(/too easy to guess/);
    expect(passwordProblem('Jo.Bloggs@Brent.gov.uk', owner)).toMatch(/too easy to guess/);
    expect(passwordProblem('jo.bloggs@brent.gov.uk')).toBeNull();
  });
});
