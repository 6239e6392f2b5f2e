import {
  type APIApplicationCommandOption,
  type APIEmbed,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Locale,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { errors, FormErrors, type Reply } from './http.js';
import type { MessageBody, UploadedFile } from './types.js';

// Discord's documented limits; a bot that breaks them fails in production, so the fake refuses too.
const MAX_CONTENT = 2000;
const MAX_EMBEDS = 10;
const MAX_EMBED_TOTAL = 6000;
const MAX_FILES = 10;
const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  footer: 2048,
  author: 256,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
};
const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const KNOWN_LOCALES = new Set<string>(Object.values(Locale));

/** Checks a message body against Discord's limits; returns the error reply, or null when valid. */
export function validateMessage(
  body: MessageBody,
  files: UploadedFile[],
  { isEdit }: { isEdit: boolean },
): Reply | null {
  const formErrors = new FormErrors();
  if ((body.content?.length ?? 0) > MAX_CONTENT) {
    formErrors.add(['content'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CONTENT} or fewer in length.`);
  }
  if (files.length > MAX_FILES) formErrors.add(['files'], 'BASE_TYPE_MAX_LENGTH', 'Too many files.');
  validateEmbeds(body.embeds ?? [], formErrors);
  if (!formErrors.empty) return formErrors.toReply();
  if (!isEdit && isEmpty(body, files)) return errors.emptyMessage();
  return null;
}

function isEmpty(body: MessageBody, files: UploadedFile[]): boolean {
  return (
    !body.content &&
    !body.embeds?.length &&
    !body.components?.length &&
    !body.sticker_ids?.length &&
    !body.poll &&
    files.length === 0
  );
}

function validateEmbeds(embeds: APIEmbed[], formErrors: FormErrors): void {
  if (embeds.length > MAX_EMBEDS) {
    formErrors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_EMBEDS} or fewer in length.`);
  }
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    const at = (...path: (string | number)[]) => ['embeds', index, ...path];
    const check = (value: string | undefined, max: number, path: (string | number)[]) => {
      total += value?.length ?? 0;
      if ((value?.length ?? 0) > max)
        formErrors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    };
    check(embed.title, EMBED_LIMITS.title, at('title'));
    check(embed.description, EMBED_LIMITS.description, at('description'));
    check(embed.footer?.text, EMBED_LIMITS.footer, at('footer', 'text'));
    check(embed.author?.name, EMBED_LIMITS.author, at('author', 'name'));
    if ((embed.fields?.length ?? 0) > EMBED_LIMITS.fields) {
      formErrors.add(
        at('fields'),
        'BASE_TYPE_MAX_LENGTH',
        `Must be ${EMBED_LIMITS.fields} or fewer in length.`,
      );
    }
    for (const [fieldIndex, field] of (embed.fields ?? []).entries()) {
      check(field.name, EMBED_LIMITS.fieldName, at('fields', fieldIndex, 'name'));
      check(field.value, EMBED_LIMITS.fieldValue, at('fields', fieldIndex, 'value'));
      if (!field.name || !field.value)
        formErrors.add(at('fields', fieldIndex), 'BASE_TYPE_REQUIRED', 'This field is required');
    }
  }
  if (total > MAX_EMBED_TOTAL) {
    formErrors.add(
      ['embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of ${MAX_EMBED_TOTAL}`,
    );
  }
}

/** Checks command definitions the way Discord does on registration. */
export function validateCommands(bodies: RESTPostAPIApplicationCommandsJSONBody[]): Reply | null {
  const formErrors = new FormErrors();
  const seen = new Set<string>();
  for (const [index, body] of bodies.entries()) {
    const type = body.type ?? ApplicationCommandType.ChatInput;
    const key = `${type}:${body.name}`;
    if (seen.has(key))
      formErrors.add(
        [index, 'name'],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        `Application command names must be unique`,
      );
    seen.add(key);
    validateCommand(body, type, formErrors, [index]);
  }
  return formErrors.empty ? null : formErrors.toReply();
}

function validateCommand(
  body: RESTPostAPIApplicationCommandsJSONBody,
  type: ApplicationCommandType,
  formErrors: FormErrors,
  path: (string | number)[],
): void {
  const chatInput = type === ApplicationCommandType.ChatInput;
  validateName(body.name, chatInput, formErrors, [...path, 'name']);
  validateLocalizations(
    body.name_localizations,
    (value, at) => validateName(value, chatInput, formErrors, at),
    [...path, 'name_localizations'],
    formErrors,
  );
  if (!chatInput) return;
  const description = 'description' in body ? body.description : undefined;
  validateDescription(description, formErrors, [...path, 'description']);
  const localized = 'description_localizations' in body ? body.description_localizations : undefined;
  validateLocalizations(
    localized,
    (value, at) => validateDescription(value, formErrors, at),
    [...path, 'description_localizations'],
    formErrors,
  );
  const options = 'options' in body ? body.options : undefined;
  validateOptions(options ?? [], formErrors, [...path, 'options']);
}

function validateName(
  name: string | undefined,
  chatInput: boolean,
  formErrors: FormErrors,
  path: (string | number)[],
): void {
  if (!name || (chatInput && (!COMMAND_NAME.test(name) || name !== name.toLowerCase()))) {
    formErrors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`);
  } else if (name.length > 32) {
    formErrors.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
  }
}

function validateDescription(
  description: string | undefined,
  formErrors: FormErrors,
  path: (string | number)[],
): void {
  if (!description || description.length > 100) {
    formErrors.add(path, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  }
}

function validateLocalizations(
  localizations: Partial<Record<string, string | null>> | null | undefined,
  validate: (value: string, path: (string | number)[]) => void,
  path: (string | number)[],
  formErrors: FormErrors,
): void {
  for (const [locale, value] of Object.entries(localizations ?? {})) {
    if (!KNOWN_LOCALES.has(locale))
      formErrors.add([...path, locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`);
    else if (value != null) validate(value, [...path, locale]);
  }
}

function validateOptions(
  options: APIApplicationCommandOption[],
  formErrors: FormErrors,
  path: (string | number)[],
): void {
  if (options.length > 25) formErrors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let optionalSeen = false;
  for (const [index, option] of options.entries()) {
    const at = [...path, index];
    validateName(option.name, true, formErrors, [...at, 'name']);
    validateDescription(option.description, formErrors, [...at, 'description']);
    validateLocalizations(
      option.name_localizations,
      (value, p) => validateName(value, true, formErrors, p),
      [...at, 'name_localizations'],
      formErrors,
    );
    validateLocalizations(
      option.description_localizations,
      (value, p) => validateDescription(value, formErrors, p),
      [...at, 'description_localizations'],
      formErrors,
    );
    const required = 'required' in option && option.required === true;
    if (required && optionalSeen) {
      formErrors.add(
        at,
        'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        'Required options must be placed before non-required options',
      );
    }
    optionalSeen ||= !required && !isSubcommand(option);
    if ('choices' in option && (option.choices?.length ?? 0) > 25) {
      formErrors.add([...at, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
    if ('options' in option && option.options)
      validateOptions(option.options as APIApplicationCommandOption[], formErrors, [...at, 'options']);
  }
}

function isSubcommand(option: APIApplicationCommandOption): boolean {
  return (
    option.type === ApplicationCommandOptionType.Subcommand ||
    option.type === ApplicationCommandOptionType.SubcommandGroup
  );
}
