import type { UserError } from '../services/errors';
import type { MessageKey, Translate } from './index';

const FIELD_LABELS = new Set(['company', 'title', 'url', 'requirements', 'preferred', 'role', 'skills']);

/** A UserError as a sentence in the member's language, with the field it is about named in that language. */
export function userErrorMessage(t: Translate, error: UserError, examples: string): string {
  const params: Record<string, string | number> = { examples, ...error.params };
  const field = String(params.field ?? '');
  if (FIELD_LABELS.has(field)) params.field = t(`field.${field}` as MessageKey);
  return t(`error.${error.code}`, params);
}
