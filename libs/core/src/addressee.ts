/** Whom a recommendation is addressed to: the council, its Local Safeguarding Children Board, or both together. */
export type Addressee = 'local_authority' | 'lscb' | 'partnership';
export const ADDRESSEES: readonly Addressee[] = ['local_authority', 'lscb', 'partnership'];

export const ADDRESSEE_WORDING: Record<Addressee, string> = {
  local_authority: 'Local authority',
  lscb: 'LSCB',
  partnership: 'Partnership',
};
