/**
 * Every table that holds a council's data, with how its rows are found for one council and which
 * of its columns point at other tables. Export, deletion and import all read this list, so a table
 * added here is exported, deleted and re-imported with the rest. Every other table of the schema
 * must be named in DEPLOYMENT_TABLES with the reason it is not a council's:
 * test/operations/council-data-registry.e2e-spec.ts fails on a table in neither list, and on a
 * foreign key of a council table that `references` does not declare.
 */
export interface CouncilTable {
  table: string;
  /** What the confirmation page calls its rows ("journal entries"). */
  noun: string;
  /** SQL condition selecting the council's rows; `:council` is the authority code. */
  rows: string;
  /**
   * Rows deleted with the council when they differ from those exported: people are exported when
   * they work for the council, but deleted only when they work for no other.
   */
  deletedRows?: string;
  /** Deleted before every other table, because `rows` of a later table is what finds them. */
  deletedFirst?: boolean;
  /** Column → table whose generated id it holds: re-numbered on import, as the target deployment numbers rows. */
  references?: Record<string, string>;
  /** The table's key is the generated `id` (re-numbered on import); false when the key is a reference. */
  generatedId?: boolean;
  /** Columns never exported (secrets): the importing deployment gives them their default. */
  omitted?: readonly string[];
  /** Rows deleted with the council but never exported: work in progress that expires on its own. */
  transient?: boolean;
  /** On import, a row whose column has this value already is used instead of inserting a new one. */
  matchOn?: string;
  /**
   * Bytes kept outside the database (EVIDENCE_DIR) for rows whose `storage` column says so: the
   * export carries them in `content` as if kept in the database, and a deletion removes the files.
   */
  fileStore?: { storageColumn: string; keyColumn: string; contentColumn: string; inDirectory: string };
  /** Ids held inside values (JSON lists, "team:12" keys) rather than in reference columns. */
  renumberValues?: (row: Record<string, unknown>, idOf: (table: string, id: number) => number | null) => Record<string, unknown>;
}

const OF_COUNCIL = 'authority_code = :council';
const ACTIONS_OF_COUNCIL = 'action_id IN (SELECT id FROM actions WHERE authority_code = :council)';
const PEOPLE_OF_COUNCIL = 'id IN (SELECT user_id FROM role_assignments WHERE authority_code = :council)';
// People the journal names (an administrator who noted progress) go with it, so an import links the entries to their accounts.
const ACTORS_OF_COUNCIL = `id IN (SELECT actor_user_id FROM action_updates WHERE ${ACTIONS_OF_COUNCIL})`;

/** In import order: a table comes after every table it references. */
export const COUNCIL_TABLES: readonly CouncilTable[] = [
  {
    table: 'users',
    noun: 'accounts of people who work only for this council',
    rows: `${PEOPLE_OF_COUNCIL} OR ${ACTORS_OF_COUNCIL}`,
    deletedRows: `${PEOPLE_OF_COUNCIL} AND id NOT IN (SELECT user_id FROM role_assignments WHERE authority_code IS NULL OR authority_code <> :council)`,
    deletedFirst: true,
    // A password hash has no use outside this deployment; people set a new password after an import.
    omitted: ['password_hash', 'failed_login_count', 'locked_until'],
    matchOn: 'email',
  },
  { table: 'teams', noun: 'teams', rows: OF_COUNCIL },
  { table: 'reports', noun: 'reports', rows: OF_COUNCIL },
  {
    table: 'recommendations',
    noun: 'recommendations',
    rows: 'report_id IN (SELECT id FROM reports WHERE authority_code = :council)',
    references: { report_id: 'reports' },
  },
  {
    table: 'actions',
    noun: 'actions',
    rows: OF_COUNCIL,
    references: { recommendation_id: 'recommendations', report_id: 'reports', team_id: 'teams' },
  },
  {
    table: 'action_updates',
    noun: 'journal entries (progress notes, evidence, changes and reviews)',
    rows: ACTIONS_OF_COUNCIL,
    references: { action_id: 'actions', actor_user_id: 'users' },
  },
  {
    table: 'action_challenges',
    noun: 'challenges and their answers',
    rows: OF_COUNCIL,
    references: { action_id: 'actions', raised_by_user_id: 'users' },
  },
  {
    table: 'action_date_requests',
    noun: 'date change requests and decisions',
    rows: OF_COUNCIL,
    references: { action_id: 'actions', requested_by_user_id: 'users', decided_by_user_id: 'users' },
  },
  { table: 'action_milestones', noun: 'milestones', rows: ACTIONS_OF_COUNCIL, references: { action_id: 'actions' } },
  {
    table: 'evidence_files',
    noun: 'evidence files',
    rows: OF_COUNCIL,
    references: { action_id: 'actions', uploaded_by_user_id: 'users' },
    // The archive is JSON and CSV: a file's bytes do not travel in it (its name, type, size and hash do).
    omitted: ['content'],
  },
  {
    table: 'action_reminder_states',
    noun: 'reminder records of actions',
    rows: ACTIONS_OF_COUNCIL,
    references: { action_id: 'actions', last_digest_team_id: 'teams' },
    generatedId: false,
  },
  {
    table: 'action_challenges',
    noun: 'challenges to actions',
    rows: OF_COUNCIL,
    references: { action_id: 'actions', raised_by_user_id: 'users' },
  },
  {
    table: 'action_date_requests',
    noun: 'requests to move due dates',
    rows: OF_COUNCIL,
    references: { action_id: 'actions', requested_by_user_id: 'users', decided_by_user_id: 'users' },
  },
  { table: 'action_milestones', noun: 'milestones', rows: ACTIONS_OF_COUNCIL, references: { action_id: 'actions' } },
  {
    table: 'evidence_files',
    noun: 'evidence files',
    rows: OF_COUNCIL,
    references: { action_id: 'actions', uploaded_by_user_id: 'users' },
    fileStore: { storageColumn: 'storage', keyColumn: 'storage_key', contentColumn: 'content', inDirectory: 'directory' },
  },
  {
    table: 'recommendation_links',
    noun: 'links between recommendations made before',
    rows: OF_COUNCIL,
    references: { recommendation_id: 'recommendations', earlier_recommendation_id: 'recommendations' },
  },
  { table: 'board_meetings', noun: 'board meetings', rows: OF_COUNCIL },
  {
    table: 'meeting_updates',
    noun: 'updates for board meetings',
    rows: 'meeting_id IN (SELECT id FROM board_meetings WHERE authority_code = :council)',
    references: { meeting_id: 'board_meetings', action_id: 'actions', author_user_id: 'users' },
  },
  { table: 'authority_contacts', noun: 'board and LSCB chair contacts', rows: OF_COUNCIL },
  {
    table: 'reminders',
    noun: 'reminder emails',
    rows: OF_COUNCIL,
    references: { team_id: 'teams', contact_id: 'authority_contacts' },
    renumberValues: (row, idOf) => {
      const [kind, id] = String(row.recipient_key).split(':');
      const recipient = idOf(kind === 'team' ? 'teams' : 'authority_contacts', Number(id));
      const actionIds = (JSON.parse(String(row.action_ids)) as number[]).map((actionId) => idOf('actions', actionId)).filter((actionId) => actionId !== null);
      return { ...row, recipient_key: recipient === null ? row.recipient_key : `${kind}:${recipient}`, action_ids: JSON.stringify(actionIds) };
    },
  },
  {
    table: 'reminder_send_marks',
    noun: 'addresses reminder emails went to',
    rows: 'reminder_id IN (SELECT id FROM reminders WHERE authority_code = :council)',
    references: { reminder_id: 'reminders' },
  },
  {
    table: 'role_assignments',
    noun: 'roles held in this council',
    rows: OF_COUNCIL,
    references: { user_id: 'users', team_id: 'teams' },
  },
  { table: 'pending_uploads', noun: 'uploaded reports waiting for confirmation', rows: OF_COUNCIL, transient: true, references: { user_id: 'users' } },
];

/** Tables that are not any one council's, and why. */
export const DEPLOYMENT_TABLES: Readonly<Record<string, string>> = {
  authorities: 'the directory of every English council: a deleted council stays in it, with no data',
  reminder_sweeps: 'one row per day the reminder sweep ran, for every council at once',
  sessions: "a person's sign-ins: removed with their account",
  api_tokens: "a person's access tokens: removed with their account",
  account_links: "a person's one-off invitation and reset links: removed with their account",
  reminder_preferences: "a person's choice of reminder digest and unsubscribe link: removed with their account",
  migrations: 'the schema version',
};

export function councilTable(table: string): CouncilTable | undefined {
  return COUNCIL_TABLES.find((entry) => entry.table === table);
}
