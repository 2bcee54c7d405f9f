import type { ReportPart } from '../layouts/index.js';
import type { Addressee } from '#core';

/**
 * The board as a subject: "the Brent Safeguarding Children Board should ensure", "The LSCB to
 * develop". Case-sensitive on purpose: the words before "Safeguarding Children Board" must be the
 * board's own capitalised name, not the verb and object of a sentence that merely mentions it.
 */
const BOARD_AS_SUBJECT =
  /^(?:[Tt]hat )?(?:[Tt]he )?(?:(?:[A-Z][\w'’&-]*|and|of|upon|on) ){0,6}(?:(?:[Ll]ocal )?[Ss]afeguarding [Cc]hildren(?:'s|’s)? (?:[Bb]oard|[Pp]artnership)|LSCB|[Bb]oard|[Ss]afeguarding [Pp]artnership)(?: \([A-Z]{2,8}\))? (?:should|must|to|needs? to|is to|will)\b/;
/** The people a council works with inside its own services: working "with" them is not a partnership. */
const OWN_PEOPLE =
  '(?:the )?(?:children|young people|families|parents|carers|care leavers|staff|managers|social workers|practitioners|independent reviewing officers|iros|team managers|teams)\\b';
/**
 * The work is shared, the main verb joint: "Work with schools and other partners to ...", "Working
 * with the LSCB to ...", "Continue to work with partners ...", "With partners, ensure ...", "In
 * partnership with the ... Board ...", "Together with the LSCB and police, review ...".
 */
const PARTNERSHIP_OPENING = new RegExp(
  `^(?:(?:continue|continuing) to )?(?:(?:work|working|collaborate|collaborating|engage|engaging) (?:jointly |closely |together )?with|in partnership with|jointly with|together with|alongside) (?!${OWN_PEOPLE})|^with (?:its |their |all |key |relevant )?(?:partners|partner agencies|the lscb|the board|the police|health partners|schools)\\b|^and with partner agencies`,
  'i',
);
/** The council and its partners as the subject ("The local authority and its partners should ..."), or working with them ("Evaluate with partners ..."). */
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
