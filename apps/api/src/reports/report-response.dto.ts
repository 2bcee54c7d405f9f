import { ApiProperty, type SchemaObject } from '@nestjs/swagger';
import type { DraftEdit, ExtractionWarning, RecommendationDraft, ReportDraft } from '#extraction';
import { EXTRACTION_WARNING_CODES } from '#extraction';
import type { ReportExtraction, ReportView } from '#tracking';
import { type Addressee, ADDRESSEES, type Judgement, type Timeframe, TIMEFRAMES } from '#core';

const DATE = { type: String, format: 'date' } as const;
const NULLABLE_DATE = { ...DATE, nullable: true } as const;

export class JudgementDto implements Judgement {
  @ApiProperty({ example: 'overall effectiveness' }) area: string;
  @ApiProperty({ example: 'requires improvement', description: 'Lower case, as printed' }) grade: string;
}

export class ExtractionWarningDto implements ExtractionWarning {
  @ApiProperty({ enum: EXTRACTION_WARNING_CODES }) code: ExtractionWarning['code'];
  @ApiProperty({ description: 'What was seen and what to check' }) message: string;
  @ApiProperty({ type: String, nullable: true, description: "The report's text where it was seen, or null for the whole report" }) near: string | null;
}

/** One change made by hand before confirming; the fields besides `change` depend on it. */
export const DRAFT_EDIT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['change'],
  properties: {
    change: { type: 'string', enum: ['baseline', 'changed', 'removed', 'split', 'added', 'team'] },
    ordinal: { type: 'integer' },
    reference: { type: 'string' },
    field: { type: 'string', enum: ['text', 'timeframe', 'addressee', 'theme', 'reference'] },
    from: { type: 'string', nullable: true },
    to: { type: 'string', nullable: true },
    text: { type: 'string' },
    into: { type: 'array', items: { type: 'string' } },
    teamId: { type: 'integer', nullable: true },
  },
};

export class NoRecommendationsDto {
  @ApiProperty() reason: string;
}

export class ReportDto implements ReportView {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'E09000031' }) authorityCode: string;
  @ApiProperty() authorityName: string;
  @ApiProperty({ description: 'The report layout it was read as' }) format: string;
  @ApiProperty(NULLABLE_DATE) inspectionStart: string | null;
  @ApiProperty(NULLABLE_DATE) inspectionEnd: string | null;
  @ApiProperty(NULLABLE_DATE) publishedOn: string | null;
  @ApiProperty({ ...DATE, description: 'Due dates are counted from it' }) baselineDate: string;
  @ApiProperty({ type: [JudgementDto] }) judgements: JudgementDto[];
  @ApiProperty({ type: String, nullable: true }) sourceFileName: string | null;
  @ApiProperty({ description: 'Of the text the report was read from: the same text is refused again' }) textSha256: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ required: false, description: 'In lists' }) recommendationCount?: number;
  @ApiProperty({ type: NoRecommendationsDto, nullable: true, description: 'Set when the report makes no recommendations' }) noRecommendations: NoRecommendationsDto | null;
  @ApiProperty({ type: [ExtractionWarningDto], description: 'Where the extractor said its draft needed checking' }) warnings: ExtractionWarningDto[];
  @ApiProperty({ type: 'array', items: DRAFT_EDIT_SCHEMA, description: 'What was changed by hand before confirming' }) edits: DraftEdit[];
}

export class RecommendationDraftDto implements RecommendationDraft {
  @ApiProperty() ordinal: number;
  @ApiProperty() reference: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: Timeframe;
  @ApiProperty({ type: String, nullable: true }) theme: string | null;
  @ApiProperty({ enum: ADDRESSEES }) addressee: Addressee;
  @ApiProperty(DATE) dueDate: string;
  @ApiProperty() dueDateAssumed: boolean;
  @ApiProperty({ type: [String] }) mentionedBodies: string[];
}

export class ReportDraftDto implements ReportDraft {
  @ApiProperty({ description: 'The authority as the report names it' }) authority: string;
  @ApiProperty({ type: String, nullable: true }) authorityCode: string | null;
  @ApiProperty({ type: String }) format: ReportDraft['format'];
  @ApiProperty(NULLABLE_DATE) inspectionStart: string | null;
  @ApiProperty(NULLABLE_DATE) inspectionEnd: string | null;
  @ApiProperty(NULLABLE_DATE) publishedOn: string | null;
  @ApiProperty(DATE) baselineDate: string;
  @ApiProperty({ type: [JudgementDto] }) judgements: JudgementDto[];
  @ApiProperty({ type: [RecommendationDraftDto] }) recommendations: RecommendationDraftDto[];
  @ApiProperty({ type: NoRecommendationsDto, nullable: true }) noRecommendations: NoRecommendationsDto | null;
  @ApiProperty({ type: [ExtractionWarningDto] }) warnings: ExtractionWarningDto[];
}

export class IngestedReportDto {
  @ApiProperty({ enum: [false] }) dryRun: false;
  @ApiProperty({ type: ReportDto }) report: ReportDto;
  @ApiProperty({ description: 'One action per recommendation' }) actionCount: number;
}

export class DraftPreviewDto {
  @ApiProperty({ enum: [true] }) dryRun: true;
  @ApiProperty({ type: ReportDraftDto, description: 'The draft as it would be confirmed, corrections applied' }) draft: ReportDraftDto;
  @ApiProperty({ type: 'array', items: DRAFT_EDIT_SCHEMA }) edits: DraftEdit[];
  @ApiProperty() authorityCode: string;
  @ApiProperty({ description: 'The text the draft was read from, to confirm the same text later' }) text: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The report already made from this very text: confirming would be refused' }) existingReportId: number | null;
}

export class ReportExtractionDto implements ReportExtraction {
  @ApiProperty() reportId: number;
  @ApiProperty({ type: ReportDraftDto, nullable: true, description: 'null for a report stored before drafts were kept' }) extracted: ReportDraftDto | null;
  @ApiProperty({ type: 'array', items: DRAFT_EDIT_SCHEMA }) edits: DraftEdit[];
  @ApiProperty({ type: [String], description: 'Each edit as a sentence, in order' }) journal: string[];
}

export class RecommendationDto {
  @ApiProperty() id: number;
  @ApiProperty() reportId: number;
  @ApiProperty({ description: 'Position in the report, from 1' }) ordinal: number;
  @ApiProperty() reference: string;
  @ApiProperty({ description: 'As worded in the report' }) text: string;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: Timeframe;
  @ApiProperty({ type: String, nullable: true }) theme: string | null;
  @ApiProperty({ enum: ADDRESSEES }) addressee: Addressee;
  @ApiProperty({ type: [String], description: 'Other bodies the recommendation names' }) mentionedBodies: string[];
}
