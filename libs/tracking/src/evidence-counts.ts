import type { DataSource } from 'typeorm';
import { ActionUpdate, EvidenceFile } from '#database';

/** Ids per statement: well inside every driver's limit on bound parameters. */
const CHUNK = 500;

/**
 * Each action's evidence: every link recorded in its journal plus every file uploaded, counted
 * one by one (a progress note with three links is three pieces of evidence). The exports and the
 * board pack count with this one function, so they never disagree.
 */
export async function evidenceCountsOf(dataSource: DataSource, actionIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const add = (actionId: number | string, count: number) => counts.set(Number(actionId), (counts.get(Number(actionId)) ?? 0) + count);
  for (let start = 0; start < actionIds.length; start += CHUNK) {
    const slice = actionIds.slice(start, start + CHUNK);
    const linked = await dataSource
      .getRepository(ActionUpdate)
      .createQueryBuilder('u')
      .select(['u.id', 'u.actionId', 'u.evidenceLinks'])
      .where('u.actionId IN (:...slice) AND u.evidenceLinks <> :none', { slice, none: '[]' })
      .getMany();
    for (const entry of linked) add(entry.actionId, entry.evidenceLinks.length);
    const files = await dataSource
      .createQueryBuilder(EvidenceFile, 'f')
      .select('f.actionId', 'actionId')
      .addSelect('COUNT(*)', 'count')
      .where('f.actionId IN (:...slice)', { slice })
      .groupBy('f.actionId')
      .getRawMany<{ actionId: number | string; count: number | string }>();
    for (const row of files) add(row.actionId, Number(row.count));
  }
  return counts;
}
