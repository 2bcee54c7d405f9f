import { containsPhrase } from './team-routing.js';

export interface SuggestibleRecommendation {
  mentionedBodies: readonly string[];
}

export interface ExistingTeam {
  name: string;
  keywords: readonly string[];
}

/** A team a council might add: named after a body its report's recommendations name, routed by that name. */
export interface TeamSuggestion {
  name: string;
  keywords: string[];
  /** How many recommendations name the body: the most named come first. */
  recommendationCount: number;
}

/** Bodies that are people or whole organisations rather than a team that could own an action. */
const NOT_A_TEAM = /\b(?:officers?|chairs?|council|trusts?|schools?|agency)$/;

/**
 * Teams to suggest after a report is ingested: the bodies its recommendations name that no team
 * covers yet (by name or routing keyword), most named first. Accepting one creates a team whose
 * keyword is the body's name, so the next report routes straight to it.
 */
export function suggestTeams(recommendations: readonly SuggestibleRecommendation[], teams: readonly ExistingTeam[], limit = 10): TeamSuggestion[] {
  const counts = new Map<string, number>();
  for (const recommendation of recommendations) {
    for (const body of new Set(recommendation.mentionedBodies.map((name) => name.trim().toLowerCase()))) {
      if (body.length === 0 || NOT_A_TEAM.test(body)) continue;
      counts.set(body, (counts.get(body) ?? 0) + 1);
    }
  }
  const covered = (body: string) =>
    teams.some((team) => [team.name, ...team.keywords].some((phrase) => containsPhrase(body, phrase) || containsPhrase(phrase.toLowerCase(), body)));
  return [...counts]
    .filter(([body]) => !covered(body))
    .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b, 'en-GB'))
    .slice(0, limit)
    .map(([body, recommendationCount]) => ({ name: body.charAt(0).toUpperCase() + body.slice(1), keywords: [body], recommendationCount }));
}
