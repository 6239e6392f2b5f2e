import { checkPostingField } from '../../services/postings/compose';
import { MAX_FIELD_CHARS, type Posting } from '../../services/postings/schema';
import type { Context, Modal } from '../types';
import { LIMITS, truncate } from './limits';

/** The posting form: the same fields for adding and for editing (prefilled with what is stored). */
export function postingModal(
  ctx: Context,
  customId: string,
  title: string,
  prefill: Partial<Pick<Posting, 'company' | 'title' | 'url' | 'requirementsText' | 'preferredText'>>,
): Modal {
  const value = (text: string | undefined, max: number) => (text ? { value: text.slice(0, max) } : {});
  return {
    customId,
    title: truncate(title, LIMITS.modalTitle),
    fields: [
      {
        id: 'company',
        label: ctx.t('modal.field.company'),
        style: 'short',
        required: true,
        maxLength: MAX_FIELD_CHARS.company,
        check: (value) => checkPostingField('company', value),
        ...value(prefill.company, MAX_FIELD_CHARS.company),
      },
      {
        id: 'title',
        label: ctx.t('modal.field.title'),
        style: 'short',
        required: false,
        maxLength: MAX_FIELD_CHARS.title,
        check: (value) => checkPostingField('title', value),
        ...value(prefill.title, MAX_FIELD_CHARS.title),
      },
      {
        id: 'url',
        label: ctx.t('modal.field.url'),
        style: 'short',
        required: false,
        maxLength: MAX_FIELD_CHARS.url,
        check: (value) => checkPostingField('url', value),
        placeholder: 'https://',
        ...value(prefill.url, MAX_FIELD_CHARS.url),
      },
      {
        id: 'requirements',
        label: ctx.t('modal.field.requirements'),
        style: 'paragraph',
        required: true,
        maxLength: MAX_FIELD_CHARS.requirements,
        check: (value) => checkPostingField('requirements', value),
        ...value(prefill.requirementsText, MAX_FIELD_CHARS.requirements),
      },
      {
        id: 'preferred',
        label: ctx.t('modal.field.preferred'),
        style: 'paragraph',
        required: false,
        maxLength: MAX_FIELD_CHARS.preferred,
        check: (value) => checkPostingField('preferred', value),
        ...value(prefill.preferredText, MAX_FIELD_CHARS.preferred),
      },
    ],
  };
}
