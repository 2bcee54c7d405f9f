import { formatLongDate } from '#deadlines';
import { type ActionStatus, type Rag, type Role, STATUS_WORDING } from '#core';

/** A RAG tag's words say what the colour means. */
export const RAG_LABELS: Record<Rag, string> = {
  red: 'Red: overdue',
  amber: 'Amber: due soon',
  green: 'Green: on track',
  // The same words and colour as the signed-off status tag: one idea, one tag.
  complete: 'Signed off',
};

/** GOV.UK tag colours; the tag's words carry the meaning, so colour is never the only signal. */
const RAG_TAG_CLASSES: Record<Rag, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
  complete: 'govuk-tag--green',
};

const STATUS_TAG_CLASSES: Record<ActionStatus, string> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--light-blue',
  blocked: 'govuk-tag--purple',
  awaiting_sign_off: 'govuk-tag--yellow',
  signed_off: 'govuk-tag--green',
};

export function ragTag(rag: Rag): { text: string; classes: string } {
  return { text: RAG_LABELS[rag], classes: RAG_TAG_CLASSES[rag] };
}

export function statusTag(status: ActionStatus): { text: string; classes: string } {
  return { text: STATUS_WORDING[status], classes: STATUS_TAG_CLASSES[status] };
}

/** "2 June 2025"; empty for no date. */
export function longDate(date: string | null | undefined): string {
  return date ? formatLongDate(date.slice(0, 10)) : '';
}

/** "2 June 2025 at 14:05", in the deployment's time zone. */
export function longDateTime(instant: string, timeZone: string): string {
  const parts = Object.fromEntries(dateTimeFormatIn(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

// A journal shows many times; building a formatter costs far more than using one.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateTimeFormats.set(timeZone, format);
  }
  return format;
}

/** What each role is called on the pages, and what it lets someone do. */
export const ROLE_LABELS: Record<Role, { text: string; hint: string }> = {
  board_member: { text: 'Board member', hint: 'Runs the action plan: owners, due dates, status, progress and sign-off' },
  team_member: { text: 'Team member', hint: 'Updates the status and progress of their team’s actions' },
  lscb_chair: { text: 'LSCB chair', hint: 'Reviews and challenges the actions; changes nothing' },
  viewer: { text: 'Viewer', hint: 'Reads the action plan; changes nothing' },
  council_admin: { text: 'Council admin', hint: 'Sets the council up: teams, people, roles and reminder contacts' },
  admin: { text: 'Administrator of the whole service', hint: 'Everything, for every council' },
};

/** A changed field as a sentence names it ("changed the status, the due date"). */
const FIELD_WORDS: Record<string, string> = {
  status: 'the status',
  teamId: 'the owner',
  leadOfficer: 'the lead officer',
  title: 'the title',
  dueDate: 'the due date',
  dueDateReason: 'the reason for the due date',
  ragOverride: 'the RAG rating',
  ragOverrideNote: 'the reason for the RAG rating',
};

export function fieldWords(field: string): string {
  return FIELD_WORDS[field] ?? `the ${field.replace(/([A-Z])/g, ' $1').toLowerCase()}`;
}
