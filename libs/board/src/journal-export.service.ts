import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { BoardMeetingRepository } from './board-meeting.repository.js';
import { BoardPackRepository } from './board-pack.repository.js';
import { journalRecord } from './board-pack.rules.js';
import { BoardException } from './board.exception.js';
import { canSeeAuthority, type RequestContext } from '#core';

const HEADERS = ['Entry', 'When (UTC)', 'Action', 'Reference', 'Report', 'Kind', 'Who', 'User id', 'Changes', 'Note', 'Evidence links'];

/**
 * A council's whole journal as CSV for audit: every change to every action, who made it and when,
 * oldest first. Cells that a spreadsheet would run as formulas are made text, as the action plan's are.
 */
@Injectable()
export class JournalExportService {
  constructor(
    private readonly packs: BoardPackRepository,
    private readonly meetings: BoardMeetingRepository,
  ) {}

  async csv(authorityCode: string, context: RequestContext): Promise<Buffer> {
    if (!canSeeAuthority(context, authorityCode) || !(await this.meetings.authorityExists(authorityCode))) {
      throw BoardException.notFound('Authority', authorityCode);
    }
    const records = (await this.packs.journalOf(authorityCode)).map(journalRecord);
    return Buffer.from(stringify(records, { bom: true, header: true, columns: HEADERS, record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true }), 'utf8');
  }
}
