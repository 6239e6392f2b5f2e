import type { Translate } from '../../i18n';
import { UNKNOWN_COMPANY } from '../../services/import/markdown';

/** A company as the reader sees it: the importer's stand-in for a missing name is said in their language. */
export const companyLabel = (t: Translate, company: string) =>
  company === UNKNOWN_COMPANY ? t('company.unknown') : company;
