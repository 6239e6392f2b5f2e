/**
 * A failure the user caused and can fix (bad input, a duplicate, an unknown id). Its code selects a message
 * in each language; params fill it in. Anything else that is thrown is a bug and is reported as one.
 */
export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'UserError';
  }
}

export type UserErrorCode =
  | 'input.invalid'
  | 'input.empty'
  | 'input.too-long'
  | 'input.bad-url'
  | 'role.unknown'
  | 'posting.not-found'
  | 'posting.duplicate-url'
  | 'posting.no-items'
  | 'posting.not-allowed'
  | 'file.not-found'
  | 'file.unreadable'
  | 'file.exists'
  | 'input.too-large'
  | 'store.busy'
  | 'backup.invalid'
  | 'backup.truncated'
  | 'restore.not-empty'
  | 'import.too-large'
  | 'import.binary'
  | 'import.invalid-utf8'
  | 'import.empty'
  | 'import.role-needed'
  | 'import.expired'
  | 'import.no-file'
  | 'export.empty'
  | 'export.too-large'
  | 'digest.not-configured'
  | 'digest.bad-timezone'
  | 'digest.bad-time'
  | 'guild.only'
  | 'page.out-of-range'
  | 'file.is-directory'
  | 'file.no-permission'
  | 'file.no-folder'
  | 'store.open-failed'
  // What a command line or console line got wrong, before any command runs.
  | 'option.missing'
  | 'option.choice'
  | 'option.number'
  | 'option.number-min'
  | 'option.unknown'
  | 'option.extra'
  | 'option.time'
  | 'command.unknown'
  | 'command.unknown-sub'
  | 'command.missing-sub'
  | 'cli.unknown-command'
  | 'cli.unknown-flag'
  | 'cli.missing-value'
  | 'cli.missing-flag'
  | 'cli.extra-argument'
  | 'deploy.no-token'
  | 'profile.nothing-understood'
  | 'profile.private'
  | 'profile.empty'
  | 'skill.unknown'
  | 'trends.bad-months'
  | 'compare.same-role';

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;
