import { Not, type EntityManager } from 'typeorm';
import { ActionChallenge, ActionUpdate, EvidenceFile } from '#database';

/** Evidence on an action: journal entries carrying links, and uploaded files. */
export async function countEvidence(manager: EntityManager, actionId: number): Promise<number> {
  const [linked, files] = await Promise.all([
    // simple-json stores an entry without links as the text []
    manager.createQueryBuilder(ActionUpdate, 'u').where('u.action_id = :actionId AND u.evidence_links <> :none', { actionId, none: '[]' }).getCount(),
    manager.count(EvidenceFile, { where: { actionId } }),
  ]);
  return linked + files;
}

export async function countOpenChallenges(manager: EntityManager, actionId: number): Promise<number> {
  return manager.count(ActionChallenge, { where: { actionId, state: Not('closed' as const) } });
}
