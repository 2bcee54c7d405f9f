import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { FIELD_LIMITS, Id, MAX_ID } from '../http/field-rules.js';
import { CommaList, QueryBoolean, QueryInteger } from '../http/query-transforms.js';
import { ACTION_STATUSES, type ActionStatus, type Addressee, ADDRESSEES, type Rag, RAGS, type Timeframe, TIMEFRAMES } from '#core';

/** Pages about one council name it; a caller who sees only one may leave it out. */
class AuthorityQuery {
  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.authorityCode)
  authority?: string;
}

/** The actions page's filters as its GET form sends them: empty fields mean "any". */
export class ActionsPageQuery extends AuthorityQuery {
  @QueryInteger()
  @IsOptional()
  @Id()
  report?: number;

  /** A team's id, or "none" for actions no team owns yet. */
  @IsOptional()
  @ValidateBy({
    name: 'isTeamChoice',
    validator: {
      validate: (value: unknown) => value === '' || value === 'none' || (typeof value === 'string' && /^\d{1,10}$/.test(value) && Number(value) <= MAX_ID),
      defaultMessage: () => 'team must be a team of the council',
    },
  })
  team?: string;

  @CommaList()
  @IsOptional()
  @IsIn(ACTION_STATUSES, { each: true })
  status?: ActionStatus[];

  @CommaList()
  @IsOptional()
  @IsIn(RAGS, { each: true })
  rag?: Rag[];

  @CommaList()
  @IsOptional()
  @IsIn(TIMEFRAMES, { each: true })
  timeframe?: Timeframe[];

  @CommaList()
  @IsOptional()
  @IsIn(ADDRESSEES, { each: true })
  addressee?: Addressee[];

  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @QueryBoolean()
  @IsOptional()
  @IsBoolean()
  reprogrammed?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(FIELD_LIMITS.search)
  q?: string;

  @IsOptional()
  @IsIn(['', 'dueDate', '-dueDate'])
  sort?: '' | 'dueDate' | '-dueDate';

  @QueryInteger()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  /** Set after a change was saved, to say so. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  saved?: string;
}

export class ChairReviewQuery extends AuthorityQuery {
  /** The action just reviewed, to say so. */
  @QueryInteger()
  @IsOptional()
  @Id()
  reviewed?: number;
}

export class ActionPageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  saved?: string;
}

/** The administration pages: which change was just saved, and which row it was. */
export class AdminPageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  saved?: string;

  @QueryInteger()
  @IsOptional()
  @Id()
  team?: number;

  @QueryInteger()
  @IsOptional()
  @Id()
  user?: number;
}
