import type { UserError } from '../services/errors';
import { hasMessage, type Locale, type MessageKey, type Params, type Translate } from './index';

/**
 * The parameters of a message in one language: `valid@ko` stands for `valid` in Korean text, and a field's
 * name (`section`, `company`) becomes its name in that language when the catalog has one (`field.section`).
 */
function paramsIn(locale: Locale, t: Translate, raw: Params): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(raw)) {
    const at = name.indexOf('@');
    if (at < 0) params[name] ??= value;
    else if (name.slice(at + 1) === locale) params[name.slice(0, at)] = value;
  }
  const fieldKey = `field.${String(params.field ?? '')}`;
  if (params.field !== undefined && hasMessage(fieldKey)) params.field = t(fieldKey as MessageKey);
  return params;
}

/**
 * A UserError as one sentence in the member's language, with the field it is about named in that language,
 * then what was probably meant (`closest`) and what is accepted (`valid`), when the error knows them.
 */
export function userErrorMessage(t: Translate, locale: Locale, error: UserError): string {
  const params = paramsIn(locale, t, error.params);
  const parts = [t(`error.${error.code}` as MessageKey, params)];
  if (params.closest !== undefined) parts.push(t('error.hint.closest', params));
  if (params.valid !== undefined) parts.push(t('error.hint.valid', params));
  return parts.join(' ');
}
