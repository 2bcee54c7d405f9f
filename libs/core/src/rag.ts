/** A board's red / amber / green rating of an action; derived by #deadlines unless overridden. */
export type Rag = 'green' | 'amber' | 'red' | 'complete';
export const RAGS: readonly Rag[] = ['green', 'amber', 'red', 'complete'];
