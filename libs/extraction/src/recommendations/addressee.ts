import type { ReportPart } from '../layouts/index.js';
import type { Addressee } from '#core';

/**
 * The board as a subject: "the Brent Safeguarding Children Board should ensure", "The LSCB to
 * develop". Case-sensitive on purpose: the words before "Safeguarding Children Board" must be the
 * board's own capitalised name, not the verb and object of a sentence that merely mentions it.
 */
const BOARD_AS_SUBJECT =
  /^(?:[Tt]hat )?(?:[Tt]he )?(?:(?:[A-Z][\w'’&-]*|and|of|upon|on) ){0,6}(?:(?:[Ll]ocal )?[Ss]afeguarding [Cc]hildren(?:'s|’s)? (?:[Bb]oard|[Pp]artnership)|LSCB|[Bb]oard|[Ss]afeguarding [Pp]artnership)(?: \([A-Z]{2,8}\))? (?:should|must|to|needs? to|is to|will)\b/;
/** The work is shared: "in partnership with the ... Board", "The local authority and its partners should". */
const PARTNERSHIP_OPENING = /^(?:in partnership with|jointly with|together with|with (?:its |their )?partners\b|(?:and )?with partner agencies)/i;
const PARTNERS_AS_SUBJECT =
  /^(?:the )?(?:[\w'’-]+ ){0,5}(?:and|with) (?:its |their |all |key |statutory |relevant )?(?:partners|partner agencies)\b[^.;]{0,40}?\b(?:should|must|need to|needs to|to)\b/i;

/**
 * Who a recommendation is addressed to. Items in the LSCB's own part are the board's; elsewhere the
 * subject of the sentence decides, so an item that merely mentions the board stays the local authority's.
 */
export function addresseeOf(text: string, part: ReportPart): Addressee {
  if (part === 'lscb') return 'lscb';
  if (BOARD_AS_SUBJECT.test(text)) return 'lscb';
  if (PARTNERSHIP_OPENING.test(text) || PARTNERS_AS_SUBJECT.test(text)) return 'partnership';
  return 'local_authority';
}
