import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1000;

/**
 * zxcvbn estimates how many guesses a password takes, knowing the tens of thousands of most common
 * passwords, keyboard walks, repeats, sequences, dates and l33t spellings. Below 10^8 guesses
 * (its score 3) a password falls to an offline attack on a stolen hash within days, so it is refused
 * even when long: "password1234", "qwertyuiop12" and "aaaaaaaaaaaa" are all 12 characters.
 */
const MIN_GUESSES_LOG10 = 8;

/** zxcvbn's cost grows with length; longer passwords are judged on their first characters, which is plenty. */
const JUDGED_LENGTH = 100;

const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: JUDGED_LENGTH });

/** What the person is known by: a password built from these is easy to guess for anyone who knows them. */
export interface PasswordOwner {
  email?: string;
  displayName?: string;
}

/**
 * Why a new password is refused, in words the person can act on, or null when it is acceptable.
 * The rules are those of NCSC and NIST SP 800-63B: length over complexity, and no password that is
 * common, a pattern, or made of the person's own name or email address.
 */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  if (typeof password !== 'string' || password.length === 0) return 'Enter a password';
  if (password.trim().length === 0) return 'Enter a password that is not only spaces';
  // Characters as people count them: an emoji is one, not two UTF-16 units.
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH.toLocaleString('en-GB')} characters or fewer`;
  const result = estimator.check(password.slice(0, JUDGED_LENGTH), ownerWords(owner));
  if (result.guessesLog10 < MIN_GUESSES_LOG10) {
    return 'Password is too easy to guess: it is a common password, a pattern or based on your name or email address. Try three or more random words';
  }
  return null;
}

/** The owner's name, the parts of their email address and the service's name, as zxcvbn's user inputs. */
function ownerWords(owner: PasswordOwner): string[] {
  const words = ['improvement', 'tracker', 'improvementtracker', 'ofsted'];
  if (owner.email) {
    const [local, domain] = owner.email.toLowerCase().split('@');
    words.push(owner.email.toLowerCase(), local, ...local.split(/[._+-]+/), ...(domain ?? '').split('.'));
  }
  if (owner.displayName) words.push(...owner.displayName.toLowerCase().split(/\s+/));
  return words.filter((word) => word.length >= 3);
}
