// Errors any layer throws on purpose about the caller's input; anything else is an internal failure.

/** Input that breaks a documented rule (password length, token name, scopes...). Safe to show the caller. */
export class InvalidInput extends Error {
  readonly field: string;
  /** Where the field was sent: the request body unless said otherwise. */
  readonly source: 'payload' | 'query' | 'params';

  constructor(field: string, message: string, source: InvalidInput['source'] = 'payload') {
    super(message);
    this.name = 'InvalidInput';
    this.field = field;
    this.source = source;
  }
}

export const SIGNUP_REJECTED_MESSAGE = 'Sign-up failed: check the email, password and invitation code.';

/**
 * Every sign-up refusal after input validation (email taken, invitation missing, unknown, used or expired).
 * One message for all of them, so a sign-up never reveals whether an account exists.
 */
export class SignupRejected extends Error {
  constructor() {
    super(SIGNUP_REJECTED_MESSAGE);
    this.name = 'SignupRejected';
  }
}
