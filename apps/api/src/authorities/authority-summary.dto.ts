import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import type { OfstedPlanDeadline } from '#deadlines';
import type { AuthoritySummary, Breakdown } from '#tracking';
import { ACTION_STATUSES, type ActionStatus, type Rag, RAGS, type Timeframe, TIMEFRAMES } from '#core';

const countsOf = (keys: readonly string[]): ApiPropertyOptions => ({
  type: 'object',
  properties: Object.fromEntries(keys.map((key) => [key, { type: 'integer' }])),
  required: [...keys],
  selfRequired: true,
});

export class AuthorityNameDto {
  @ApiProperty({ example: 'E09000031' }) code: string;
  @ApiProperty({ example: 'Waltham Forest' }) name: string;
}

export class BreakdownDto implements Breakdown {
  @ApiProperty() total: number;
  @ApiProperty() overdue: number;
  @ApiProperty() dueSoon: number;
  @ApiProperty() inProgress: number;
  @ApiProperty() awaitingSignOff: number;
  @ApiProperty() signedOff: number;
  @ApiProperty() reprogrammed: number;
}

export class TeamBreakdownDto extends BreakdownDto {
  @ApiProperty({ type: Number, nullable: true, description: 'null for actions no team owns yet' }) teamId: number | null;
  @ApiProperty() teamName: string;
}

export class TimeframeBreakdownDto extends BreakdownDto {
  @ApiProperty({ enum: TIMEFRAMES }) timeframe: Timeframe;
}

export class OfstedPlanDto implements OfstedPlanDeadline {
  @ApiProperty({ type: String, format: 'date' }) dueDate: string;
  @ApiProperty({ enum: ['set', 'default'], description: 'set: the board recorded the date; default: 70 working days after publication' }) source: 'set' | 'default';
  @ApiProperty({ description: 'Working days from today up to and including the due date; 0 on the day and after it' }) workingDaysLeft: number;
  @ApiProperty() passed: boolean;
}

export class ReportProgressDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'The report layout it was read as' }) format: string;
  @ApiProperty({ type: String, format: 'date' }) baselineDate: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publishedOn: string | null;
  @ApiProperty() total: number;
  @ApiProperty() awaitingSignOff: number;
  @ApiProperty() signedOff: number;
  @ApiProperty() overdue: number;
  @ApiProperty({ description: 'Signed off as a share of the total, 0 to 100' }) percentComplete: number;
  @ApiProperty({ type: OfstedPlanDto, nullable: true, description: "When the report's action plan is due to Ofsted; null when none is" }) ofstedPlan: OfstedPlanDto | null;
}

export class AuthoritySummaryDto implements AuthoritySummary {
  @ApiProperty({ type: AuthorityNameDto }) authority: AuthorityNameDto;
  @ApiProperty({ type: String, format: 'date' }) today: string;
  @ApiProperty() total: number;
  @ApiProperty() overdue: number;
  @ApiProperty() dueSoon: number;
  @ApiProperty(countsOf(ACTION_STATUSES)) byStatus: Record<ActionStatus, number>;
  @ApiProperty(countsOf(RAGS)) byRag: Record<Rag, number>;
  @ApiProperty(countsOf(TIMEFRAMES)) byTimeframe: Record<Timeframe, number>;
  @ApiProperty({ type: [TeamBreakdownDto] }) byTeam: TeamBreakdownDto[];
  @ApiProperty({ type: [TimeframeBreakdownDto], description: 'Every timeframe listed' }) timeframes: TimeframeBreakdownDto[];
  @ApiProperty({ type: [ReportProgressDto] }) reports: ReportProgressDto[];
  @ApiProperty({ description: 'Completion proposed, waiting for the board: never counted as done' }) awaitingSignOff: number;
  @ApiProperty() signedOff: number;
  @ApiProperty() reprogrammed: number;
  @ApiProperty({ description: 'Challenges raised and not yet closed' }) openChallenges: number;
  @ApiProperty({ description: 'Date change requests waiting for the board' }) pendingDateRequests: number;
}
