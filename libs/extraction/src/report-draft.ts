import type { Addressee, IsoDate, Judgement, Timeframe } from '#core';

/** The report families the extractor understands: one per file in `layouts/`. */
export type { ReportFormat } from './layouts/index.js';
import type { ReportFormat } from './layouts/index.js';

export interface RecommendationDraft {
  ordinal: number;
  reference: string;
  text: string;
  timeframe: Timeframe;
  theme: string | null;
  addressee: Addressee;
  dueDate: IsoDate;
  dueDateAssumed: boolean;
  mentionedBodies: string[];
}

/**
 * Why a draft may be incomplete or wrong somewhere: the extractor checks its own result and says
 * where a person should look, rather than returning a list that only looks complete.
 */
export type ExtractionWarningCode =
  /** Printed item numbers skip (1-5 then 11): items in between were not found. */
  | 'NUMBERING_GAP'
  /** A heading the layout does not use sits inside or right after a list; the items around it were kept. */
  | 'UNFAMILIAR_HEADING'
  /** After where a list seemed to end, lines that read like more of its items. */
  | 'ITEMS_AFTER_LIST'
  /** No recommendations were found, but a list sits under a heading no layout uses: it may hold them. */
  | 'UNREAD_LIST'
  /** An item stops mid-sentence or starts in lower case: a page break or heading may have cut it. */
  | 'ITEM_MAY_BE_CUT'
  /** The same recommendations section was found twice in one part of the report. */
  | 'SECTION_REPEATED'
  /** The report's dates disagree (two inspection ranges, a publication date before the inspection). */
  | 'DATES_DISAGREE'
  /** The authority's name matches no English local authority: choose it by hand. */
  | 'AUTHORITY_NOT_MATCHED'
  /** Items were read from paragraphs that carry no bullet or number: check where one ends and the next begins. */
  | 'UNMARKED_ITEMS';

export const EXTRACTION_WARNING_CODES: readonly ExtractionWarningCode[] = [
  'NUMBERING_GAP',
  'UNFAMILIAR_HEADING',
  'ITEMS_AFTER_LIST',
  'UNREAD_LIST',
  'ITEM_MAY_BE_CUT',
  'SECTION_REPEATED',
  'DATES_DISAGREE',
  'AUTHORITY_NOT_MATCHED',
  'UNMARKED_ITEMS',
];

export interface ExtractionWarning {
  code: ExtractionWarningCode;
  /** For the person checking the draft: what was seen and what to check. */
  message: string;
  /** The report's text where it was seen (a line, shortened), or null when it concerns the whole report. */
  near: string | null;
}

/** Why a report that was read without error gives no recommendations. */
export interface NoRecommendations {
  reason: string;
}

export interface ReportDraft {
  authority: string;
  authorityCode: string | null;
  format: ReportFormat;
  inspectionStart: IsoDate | null;
  inspectionEnd: IsoDate | null;
  publishedOn: IsoDate | null;
  baselineDate: IsoDate;
  judgements: Judgement[];
  /** Empty only when `noRecommendations` says why. */
  recommendations: RecommendationDraft[];
  /** Set when the report makes no recommendations (an outstanding inspection, a visit adding none). */
  noRecommendations: NoRecommendations | null;
  warnings: ExtractionWarning[];
}
