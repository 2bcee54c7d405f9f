import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Report } from '#database';
import type { IsoDate } from '#core';

/** The report's Ofsted plan date, as a board records it. */
@Injectable()
export class OfstedDeadlineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(reportId: number): Promise<Report | null> {
    return this.dataSource.getRepository(Report).findOne({ where: { id: reportId } });
  }

  async record(reportId: number, dueDate: IsoDate | null): Promise<void> {
    await this.dataSource.getRepository(Report).update({ id: reportId }, { ofstedPlanDueDate: dueDate });
  }
}
