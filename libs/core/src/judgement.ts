/** One of the report's judgements, as printed. */
export interface Judgement {
  /** e.g. "overall effectiveness", "children who need help and protection", "LSCB". */
  area: string;
  /** lower-case grade as printed, e.g. "adequate", "requires improvement", "inadequate". */
  grade: string;
}
