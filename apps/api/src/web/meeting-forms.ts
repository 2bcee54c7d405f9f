import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalText, RequiredText, Trimmed } from '../http/field-rules.js';
import { dateOfParts } from './web-forms.js';

const DATE_INVALID = 'Enter the meeting date as a real date, for example 18 3 2015';
const DAYS_INVALID = 'Enter how many working days before the meeting to remind teams, a whole number from 1 to 30';

/** A board meeting as the meetings page adds or changes it: a title, a date and when teams are reminded. */
export class MeetingForm {
  @Trimmed()
  @RequiredText(200, { missing: 'Enter the meeting’s title, for example March board', tooLong: 'The title must be 200 characters or fewer' })
  title: string;

  @Trimmed()
  @OptionalText(4, { invalid: DATE_INVALID })
  meetingDay: string;

  @Trimmed()
  @OptionalText(4, { invalid: DATE_INVALID })
  meetingMonth: string;

  @Trimmed()
  @OptionalText(4, { invalid: DATE_INVALID })
  meetingYear: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value))
  @IsInt({ message: DAYS_INVALID })
  @Min(1, { message: DAYS_INVALID })
  @Max(30, { message: DAYS_INVALID })
  reminderDays: number;

  meetingDate(): string | null {
    return dateOfParts(this.meetingDay, this.meetingMonth, this.meetingYear);
  }

  static readonly DATE_INVALID = DATE_INVALID;
}

/** An action's update for the board meeting being prepared for. */
export class CycleUpdateForm {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : value))
  @IsInt({ message: 'Reload the page: this form does not say which meeting the update is for' })
  @Min(1, { message: 'Reload the page: this form does not say which meeting the update is for' })
  meeting: number;

  @Trimmed()
  @RequiredText(5000, { missing: 'Enter this cycle’s update for the board', tooLong: 'The update must be 5,000 characters or fewer' })
  cycleUpdate: string;
}
