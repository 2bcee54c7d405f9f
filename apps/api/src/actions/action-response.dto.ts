import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { ActionDetailView, ActionView, ChallengeView, DateRequestView, EvidenceFileView, JournalEntryView, MilestoneView } from '#tracking';
import { CHALLENGE_STATES, DATE_REQUEST_STATES } from '#governance';
import { ACTION_STATUSES, type ActionStatus, type Addressee, ADDRESSEES, type Page, type Rag, RAGS, type Timeframe, TIMEFRAMES } from '#core';

// What the actions and governance routes answer. Each class implements the view the service
// returns, so a field the service adds cannot go undocumented without the type check failing.

const DATE = { type: String, format: 'date', example: '2025-06-30' } as const;
const NULLABLE_DATE = { ...DATE, nullable: true } as const;
const INSTANT = { type: String, format: 'date-time' } as const;
const NULLABLE_INSTANT = { ...INSTANT, nullable: true } as const;
const NULLABLE_TEXT = { type: String, nullable: true } as const;

export class ActionTeamDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
}

export class ActionRecommendationDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'Position in the report, from 1' }) ordinal: number;
  @ApiProperty({ example: 'A3' }) reference: string;
  @ApiProperty({ description: 'The recommendation as worded in the report' }) text: string;
  @ApiProperty(NULLABLE_TEXT) theme: string | null;
}

export class ActionDto implements ActionView {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ACTION_STATUSES }) status: ActionStatus;
  @ApiProperty({ enum: RAGS, description: 'Derived from the due date unless overridden' }) rag: Rag;
  @ApiProperty() ragOverridden: boolean;
  @ApiProperty(NULLABLE_TEXT) ragOverrideNote: string | null;
  @ApiProperty({ example: 'E09000031' }) authorityCode: string;
  @ApiProperty() reportId: number;
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: Timeframe;
  @ApiProperty({ enum: ADDRESSEES }) addressee: Addressee;
  @ApiProperty({ type: ActionTeamDto, nullable: true, description: 'The owning team; null while unassigned' }) team: ActionTeamDto | null;
  @ApiProperty(NULLABLE_TEXT) leadOfficer: string | null;
  @ApiProperty(DATE) originalDueDate: string;
  @ApiProperty(DATE) dueDate: string;
  @ApiProperty({ description: 'The report gave no timeframe, so the due date is a default' }) dueDateAssumed: boolean;
  @ApiProperty(NULLABLE_TEXT) dueDateReason: string | null;
  @ApiProperty({ description: '0 unless open and past its due date' }) daysOverdue: number;
  @ApiProperty({ ...DATE, description: 'The date RAG, overdue and due soon are judged by' }) ratedAgainst: string;
  @ApiProperty({ description: 'The due date is no longer the original one' }) reprogrammed: boolean;
  @ApiProperty({ description: 'Calendar days from the original to the current due date: negative when brought forward' }) daysSlipped: number;
  @ApiProperty() awaitingSignOff: boolean;
  @ApiProperty(NULLABLE_TEXT) whatWillBeDone: string | null;
  @ApiProperty(NULLABLE_TEXT) successMeasure: string | null;
  @ApiProperty({ type: ActionRecommendationDto, nullable: true }) recommendation: ActionRecommendationDto | null;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'When completion was last proposed' }) completedAt: string | null;
  @ApiProperty(NULLABLE_INSTANT) signedOffAt: string | null;
  @ApiProperty(NULLABLE_TEXT) signedOffBy: string | null;
  @ApiProperty({ description: 'Send it back (If-Match: W/"<version>" or version in the body) to change the action' }) version: number;
  @ApiProperty(INSTANT) createdAt: string;
  @ApiProperty(INSTANT) updatedAt: string;
}

export class ActionPageDto implements Page<ActionView> {
  @ApiProperty({ type: [ActionDto] }) items: ActionDto[];
  @ApiProperty({ description: 'How many match, across all pages' }) total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

const FIELD_VALUE: ApiPropertyOptions = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true };

export class FieldChangeDto {
  @ApiProperty({ example: 'status' }) field: string;
  @ApiProperty(FIELD_VALUE) from: string | number | boolean | null;
  @ApiProperty(FIELD_VALUE) to: string | number | boolean | null;
}

export class JournalEntryDto implements JournalEntryView {
  @ApiProperty() id: number;
  @ApiProperty({ enum: ['created', 'changed', 'progress', 'review', 'challenge', 'date_request', 'milestone', 'evidence'] }) kind: string;
  @ApiProperty({ description: 'Who made the change' }) actor: string;
  @ApiProperty(INSTANT) at: string;
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
  @ApiProperty(NULLABLE_TEXT) note: string | null;
  @ApiProperty({ type: [String] }) evidenceLinks: string[];
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'When the retention setting removed its note and evidence' }) removedAt: string | null;
}

export class ChallengeRecordDto implements ChallengeView {
  @ApiProperty() id: number;
  @ApiProperty() actionId: number;
  @ApiProperty({ enum: CHALLENGE_STATES }) state: ChallengeView['state'];
  @ApiProperty() raisedBy: string;
  @ApiProperty() question: string;
  @ApiProperty(NULLABLE_TEXT) response: string | null;
  @ApiProperty(NULLABLE_TEXT) respondedBy: string | null;
  @ApiProperty(NULLABLE_INSTANT) respondedAt: string | null;
  @ApiProperty(NULLABLE_TEXT) closedBy: string | null;
  @ApiProperty(NULLABLE_INSTANT) closedAt: string | null;
  @ApiProperty({ description: 'How many times it was raised' }) rounds: number;
  @ApiProperty(INSTANT) createdAt: string;
}

export class DateRequestRecordDto implements DateRequestView {
  @ApiProperty() id: number;
  @ApiProperty() actionId: number;
  @ApiProperty({ enum: DATE_REQUEST_STATES }) state: DateRequestView['state'];
  @ApiProperty(DATE) previousDueDate: string;
  @ApiProperty(DATE) proposedDate: string;
  @ApiProperty() reason: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Who asked: they may withdraw it while it is pending' }) requestedByUserId: number | null;
  @ApiProperty(NULLABLE_TEXT) decidedBy: string | null;
  @ApiProperty(NULLABLE_TEXT) decisionNote: string | null;
  @ApiProperty(NULLABLE_INSTANT) decidedAt: string | null;
  @ApiProperty(INSTANT) createdAt: string;
}

export class MilestoneRecordDto implements MilestoneView {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty(DATE) dueDate: string;
  @ApiProperty({ ...NULLABLE_DATE, description: 'When it was ticked off as met' }) metOn: string | null;
}

export class EvidenceFileDto implements EvidenceFileView {
  @ApiProperty() id: number;
  @ApiProperty() fileName: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() uploadedBy: string;
  @ApiProperty(INSTANT) createdAt: string;
  @ApiProperty({ ...NULLABLE_INSTANT, description: 'When the retention setting removed the file itself (a download then answers 410); the record stays' }) removedAt: string | null;
}

export class ActionDetailDto extends ActionDto implements ActionDetailView {
  @ApiProperty({ type: [JournalEntryDto], description: 'Every change, oldest first' }) journal: JournalEntryDto[];
  @ApiProperty({ type: [ChallengeRecordDto], description: 'Newest first' }) challenges: ChallengeRecordDto[];
  @ApiProperty({ type: [DateRequestRecordDto], description: 'Newest first' }) dateRequests: DateRequestRecordDto[];
  @ApiProperty({ type: [MilestoneRecordDto], description: 'By date' }) milestones: MilestoneRecordDto[];
  @ApiProperty({ type: [EvidenceFileDto] }) evidenceFiles: EvidenceFileDto[];
}
