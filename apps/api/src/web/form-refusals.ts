import { HttpStatus } from '@nestjs/common';
import { ExtractionError } from '#extraction';
import { TrackingErrorCode, TrackingException } from '#tracking';
import { knownErrorBody } from '../http/api-exception.filter.js';
import { formProblem, type FormProblems } from './web-forms.js';

export interface FormRefusal {
  problems: FormProblems;
  status: number;
}

const STALE_FORM =
  'Someone else changed this action after you opened this page, so your change was not saved. The page now shows the action as it is: check it, then make your change again.';

/**
 * Why a form's change was refused, for the page's error summary, with the status the API gives
 * the same refusal. Null for what is not the person's to fix on this form: a page that is not
 * found, or an unexpected error, which get the error pages instead.
 */
export function formRefusal(error: unknown, href: string): FormRefusal | null {
  const known = knownErrorBody(error);
  if (!known || known.statusCode === HttpStatus.NOT_FOUND) return null;
  const message = Array.isArray(known.message) ? known.message.join('; ') : known.message;
  if (error instanceof ExtractionError) return { status: known.statusCode, problems: formProblem(`This file could not be read as an inspection report: ${message}`, href) };
  if (!(error instanceof TrackingException)) return { status: known.statusCode, problems: formProblem(message, href) };
  switch (error.code) {
    // A form is not a conditional request: the page answers as to any other conflict.
    case TrackingErrorCode.STALE_VERSION:
      return { status: HttpStatus.CONFLICT, problems: formProblem(STALE_FORM, href) };
    case TrackingErrorCode.ILLEGAL_TRANSITION:
    case TrackingErrorCode.WORKFLOW_INCOMPLETE:
      return { status: known.statusCode, problems: formProblem(message, '#status') };
    case TrackingErrorCode.UNKNOWN_AUTHORITY:
      return { status: known.statusCode, problems: formProblem(message, '#authorityCode') };
    default:
      return { status: known.statusCode, problems: formProblem(message, href) };
  }
}
