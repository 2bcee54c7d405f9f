export interface RoutableTeam {
  id: number;
  name: string;
  keywords: readonly string[];
}

export interface RoutableRecommendation {
  text: string;
  mentionedBodies: readonly string[];
}

/** Whether the phrase occurs in the text as whole words, case and spacing aside. */
export function containsPhrase(haystack: string, phrase: string): boolean {
  const needle = phrase.trim().toLowerCase();
  if (needle.length === 0) return false;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(^|[^a-z0-9])${escaped}($|[^a-z0-9])`).test(haystack);
}

/**
 * Picks the team whose keywords the recommendation names. A keyword naming a body the report
 * mentions counts double, and longer (more specific) phrases outweigh shorter ones; with no match
 * the action stays unassigned for the board to triage.
 */
export function routeToTeam<T extends RoutableTeam>(recommendation: RoutableRecommendation, teams: readonly T[]): T | null {
  const text = recommendation.text.toLowerCase();
  const bodies = recommendation.mentionedBodies.map((body) => body.toLowerCase()).join(' | ');
  let best: { team: T; score: number } | null = null;
  for (const team of teams) {
    let score = 0;
    for (const keyword of team.keywords) {
      const weight = keyword.trim().split(/\s+/).length;
      if (containsPhrase(bodies, keyword)) score += 2 * weight;
      else if (containsPhrase(text, keyword)) score += weight;
    }
    if (score > 0 && (!best || score > best.score || (score === best.score && team.name < best.team.name))) {
      best = { team, score };
    }
  }
  return best?.team ?? null;
}
