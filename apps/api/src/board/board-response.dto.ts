import { ApiProperty } from '@nestjs/swagger';
import type { Change, ChangeKind, LinkedRecommendation, MeetingUpdateView, MeetingView, MeetingWindow, RepeatLinkStatus, RepeatLinkView, ReportDeadlineView, SinceLastMeeting } from '#board';
import { OfstedPlanDto } from '../authorities/authority-summary.dto.js';

const DATE = { type: String, format: 'date' } as const;
const NULLABLE_DATE = { ...DATE, nullable: true } as const;
const INSTANT = { type: String, format: 'date-time' } as const;
const CHANGE_KINDS: ChangeKind[] = ['status', 'signed_off', 'reprogrammed', 'evidence', 'challenge_opened', 'challenge_closed', 'became_overdue'];
const REPEAT_STATUSES: RepeatLinkStatus[] = ['suggested', 'confirmed', 'dismissed'];

export class MeetingResponseDto implements MeetingView {
  @ApiProperty() id: number;
  @ApiProperty() authorityCode: string;
  @ApiProperty(DATE) meetingDate: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Teams are reminded to write their update this many working days before' }) updateReminderWorkingDays: number;
  @ApiProperty({ ...NULLABLE_DATE, description: "The previous meeting's date: this meeting's cycle starts the day after" }) previousMeetingDate: string | null;
}

export class MeetingUpdateResponseDto implements MeetingUpdateView {
  @ApiProperty() id: number;
  @ApiProperty() meetingId: number;
  @ApiProperty() actionId: number;
  @ApiProperty() note: string;
  @ApiProperty() author: string;
  @ApiProperty(INSTANT) updatedAt: string;
}

export class ActionMeetingUpdateDto extends MeetingUpdateResponseDto {
  @ApiProperty() meetingTitle: string;
  @ApiProperty(DATE) meetingDate: string;
}

export class MeetingWindowDto implements MeetingWindow {
  @ApiProperty({ ...DATE, description: 'First day, inclusive' }) from: string;
  @ApiProperty({ ...DATE, description: 'Last day, inclusive' }) to: string;
}

export class ChangeDto implements Change {
  @ApiProperty({ enum: CHANGE_KINDS }) kind: ChangeKind;
  @ApiProperty() actionId: number;
  @ApiProperty(DATE) on: string;
  @ApiProperty({ example: 'In progress → Awaiting sign-off' }) detail: string;
  @ApiProperty({ type: String, nullable: true }) actor: string | null;
  @ApiProperty({ description: "The action's recommendation reference" }) reference: string;
  @ApiProperty() title: string;
}

export class ChangeGroupDto {
  @ApiProperty() reportId: number;
  @ApiProperty({ type: Number, nullable: true }) teamId: number | null;
  @ApiProperty() reportLabel: string;
  @ApiProperty() teamName: string;
  @ApiProperty({ type: [ChangeDto], description: 'In date order' }) changes: ChangeDto[];
}

export class SinceLastMeetingDto implements SinceLastMeeting {
  @ApiProperty() authorityCode: string;
  @ApiProperty({ type: MeetingResponseDto, nullable: true, description: 'null when the council has recorded no meeting: the window then ends today' }) meeting: MeetingResponseDto | null;
  @ApiProperty({ type: MeetingWindowDto }) window: MeetingWindowDto;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, { type: 'integer' }])),
    description: 'How many changes of each kind',
  })
  counts: Record<string, number>;
  @ApiProperty({ type: [ChangeGroupDto], description: 'By report, then team' }) groups: ChangeGroupDto[];
}

export class ReportDeadlineDto implements ReportDeadlineView {
  @ApiProperty() reportId: number;
  @ApiProperty() authorityCode: string;
  @ApiProperty(NULLABLE_DATE) publishedOn: string | null;
  @ApiProperty({ ...NULLABLE_DATE, description: 'The date the board recorded; null means the default applies' }) recordedDueDate: string | null;
  @ApiProperty({ type: OfstedPlanDto, nullable: true, description: 'null when no action plan is due (a good report)' }) ofstedPlan: OfstedPlanDto | null;
}

export class LinkedRecommendationDto implements LinkedRecommendation {
  @ApiProperty() recommendationId: number;
  @ApiProperty() reference: string;
  @ApiProperty() text: string;
  @ApiProperty() reportId: number;
  @ApiProperty({ description: 'The year the report is dated by (publication, else its baseline)' }) reportYear: number;
  @ApiProperty(DATE) reportDate: string;
  @ApiProperty({ type: Number, nullable: true }) actionId: number | null;
  @ApiProperty({ type: String, nullable: true }) actionStatus: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
}

export class RepeatLinkDto implements RepeatLinkView {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'How alike the two are, 0 to 1' }) score: number;
  @ApiProperty({ type: [String] }) sharedWords: string[];
  @ApiProperty({ enum: REPEAT_STATUSES }) status: RepeatLinkStatus;
  @ApiProperty({ type: String, nullable: true }) decidedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: LinkedRecommendationDto, description: 'The recommendation made before' }) earlier: LinkedRecommendationDto;
  @ApiProperty({ type: LinkedRecommendationDto, description: 'The recommendation that repeats it' }) later: LinkedRecommendationDto;
  @ApiProperty({ example: 'Raised before: 2014 report, A3, signed off March 2016' }) label: string;
}
