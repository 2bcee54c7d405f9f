import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_PASSWORD_LENGTH, passwordProblem, type PasswordOwner } from '#access';
import { Email, TokenName, Trimmed } from '../http/field-rules.js';
import type { FormProblems } from './web-forms.js';

export class ForgottenPasswordForm {
  @Trimmed()
  @Email({
    missing: 'Enter your email address',
    tooLong: 'Email address must be 320 characters or fewer',
    invalid: 'Enter an email address in the correct format, like name@council.gov.uk',
  })
  email: string;
}

/** A new password, typed twice. Its strength is the password policy's to judge (newPasswordProblems). */
export class NewPasswordForm {
  @IsString({ message: 'Enter a new password' })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `Password must be ${MAX_PASSWORD_LENGTH.toLocaleString('en-GB')} characters or fewer` })
  password: string;

  @IsString({ message: 'Enter the new password again' })
  @MaxLength(MAX_PASSWORD_LENGTH)
  confirmPassword: string;
}

export class SetPasswordForm extends NewPasswordForm {
  @IsString()
  @MaxLength(100)
  token: string;
}

export class ChangePasswordForm extends NewPasswordForm {
  @IsString({ message: 'Enter your current password' })
  @IsNotEmpty({ message: 'Enter your current password' })
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword: string;
}

export const TOKEN_LIFETIMES = [30, 90, 365] as const;

export class NewTokenForm {
  @Trimmed()
  @TokenName({ missing: 'Enter what the token is for, for example “board pack script”', tooLong: 'The name must be 200 characters or fewer' })
  name: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'Select how long the token works' })
  @IsIn(TOKEN_LIFETIMES, { message: 'Select how long the token works' })
  expiresInDays: number;
}

export class ConfirmForm {
  @IsOptional()
  @IsString()
  @MaxLength(10)
  confirm?: string;
}

/** Adds the password policy's verdict and the confirmation check to a form's problems. */
export function newPasswordProblems(form: NewPasswordForm, owner: PasswordOwner, problems: FormProblems): FormProblems {
  const byField = { ...problems.byField };
  if (!byField.password) {
    const problem = passwordProblem(form.password ?? '', owner);
    if (problem) byField.password = problem;
  }
  if (!byField.password && !byField.confirmPassword && form.password !== form.confirmPassword) byField.confirmPassword = 'The passwords do not match: type the same new password twice';
  const order = ['currentPassword', 'password', 'confirmPassword', ...Object.keys(byField)];
  const list = [...new Set(order)].filter((field) => byField[field]).map((field) => ({ href: `#${field}`, text: byField[field] }));
  return { byField, list };
}
