import type { IsoDate, Timeframe } from '#deadlines';

export type { IsoDate, Timeframe };

export type Addressee = 'local_authority' | 'lscb' | 'partnership';
export const ADDRESSEES: readonly Addressee[] = ['local_authority', 'lscb', 'partnership'];

/** The report families the extractor understands: one per file in `layouts/`. */
export type { ReportFormat } from './layouts/index.js';
import type { ReportFormat } from './layouts/index.js';

export interface Judgement {
  /** e.g. "overall effectiveness", "children who need help and protection", "LSCB". */
  area: string;
  /** lower-case grade as printed, e.g. "adequate", "requires improvement", "inadequate". */
  grade: string;
}

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

export interface ReportDraft {
  authority: string;
  authorityCode: string | null;
  format: ReportFormat;
  inspectionStart: IsoDate | null;
  inspectionEnd: IsoDate | null;
  publishedOn: IsoDate | null;
  baselineDate: IsoDate;
  judgements: Judgement[];
  recommendations: RecommendationDraft[];
}
