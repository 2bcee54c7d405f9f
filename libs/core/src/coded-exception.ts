/**
 * The shape of every library's one error type: a code from the library's own enum, a message a
 * person can act on, and details for the answer's body. The HTTP layer maps each library's codes
 * to statuses in the one exception filter; libraries never speak HTTP.
 */
export abstract class CodedException<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
