import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import { Action, ActionUpdate, Authority } from '#database';
import { BoardException } from './board.exception.js';
import { canSeeAuthority, type RequestContext } from '#core';

const HEADERS = ['Entry', 'When (UTC)', 'Action', 'Reference', 'Report', 'Kind', 'Who', 'User id', 'Changes', 'Note', 'Evidence links'];

/**
 * A council's whole journal as CSV for audit: every change to every action, who made it and when,
 * oldest first. Cells that a spreadsheet would run as formulas are made text, as the action plan's are.
 */
@Injectable()
export class JournalExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async csv(authorityCode: string, context: RequestContext): Promise<Buffer> {
    if (!canSeeAuthority(context, authorityCode) || !(await this.dataSource.getRepository(Authority).exists({ where: { code: authorityCode } }))) {
      throw BoardException.notFound('Authority', authorityCode);
    }
    const rows = await this.dataSource
      .createQueryBuilder(ActionUpdate, 'u')
      .innerJoinAndMapOne('u.action', Action, 'a', 'a.id = u.actionId')
      .leftJoinAndSelect('a.recommendation', 'r')
      .where('a.authorityCode = :authorityCode', { authorityCode })
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getMany();
    const records = rows.map((entry) => [
      entry.id,
      new Date(entry.createdAt).toISOString(),
      entry.actionId,
      entry.action?.recommendation?.reference ?? '',
      entry.action?.reportId ?? '',
      entry.kind,
      entry.actorName,
      entry.actorUserId ?? '',
      entry.changes.map((change) => `${change.field}: ${change.from ?? '(none)'} → ${change.to ?? '(none)'}`).join('; '),
      entry.note ?? '',
      entry.evidenceLinks.join(' '),
    ]);
    return Buffer.from(stringify(records, { bom: true, header: true, columns: HEADERS, record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true }), 'utf8');
  }
}
