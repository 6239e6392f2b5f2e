import {
  type APIApplicationCommandOption,
  type APIEmbed,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
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
  validateComponents(body.components ?? [], formErrors);
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

const COMPONENT_LIMITS = {
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  optionDescription: 100,
  placeholder: 150,
};

interface RawComponent {
  type?: number;
  custom_id?: string;
  label?: string;
  url?: string;
  placeholder?: string;
  min_values?: number;
  max_values?: number;
  options?: { label?: string; value?: string; description?: string }[];
  components?: RawComponent[];
}

/**
 * Action rows of buttons and string selects, checked as Discord checks a message's components: at most five
 * rows, five buttons or one select per row, custom ids unique and within 100 characters, a select's options
 * (1–25, values unique) and its min/max values within them.
 */
function validateComponents(rows: readonly unknown[], formErrors: FormErrors): void {
  if (rows.length > COMPONENT_LIMITS.rows) {
    formErrors.add(
      ['components'],
      'BASE_TYPE_MAX_LENGTH',
      `Must be ${COMPONENT_LIMITS.rows} or fewer in length.`,
    );
  }
  const ids = new Set<string>();
  const tooLong = (value: string | undefined, max: number, path: (string | number)[]) => {
    if ((value?.length ?? 0) > max)
      formErrors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  };
  for (const [r, raw] of rows.entries()) {
    const row = raw as RawComponent;
    const at = (...path: (string | number)[]) => ['components', r, ...path];
    if (row.type !== ComponentType.ActionRow) {
      formErrors.add(at('type'), 'UNION_TYPE_CHOICES', 'Value of field "type" must be an action row.');
      continue;
    }
    const children = row.components ?? [];
    const selects = children.filter((c) => c.type === ComponentType.StringSelect).length;
    if (
      children.length === 0 ||
      (selects > 0 && children.length > 1) ||
      children.length > COMPONENT_LIMITS.buttonsPerRow
    ) {
      formErrors.add(
        at('components'),
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    for (const [c, child] of children.entries()) {
      const here = (...path: (string | number)[]) => at('components', c, ...path);
      if (child.custom_id !== undefined) {
        tooLong(child.custom_id, COMPONENT_LIMITS.customId, here('custom_id'));
        if (ids.has(child.custom_id)) {
          formErrors.add(
            here('custom_id'),
            'COMPONENT_CUSTOM_ID_DUPLICATED',
            'Component custom id cannot be duplicated',
          );
        }
        ids.add(child.custom_id);
      }
      if (child.type === ComponentType.Button) {
        tooLong(child.label, COMPONENT_LIMITS.buttonLabel, here('label'));
        if (!child.custom_id && !child.url)
          formErrors.add(here('custom_id'), 'BASE_TYPE_REQUIRED', 'This field is required');
      } else if (child.type === ComponentType.StringSelect) {
        validateSelect(child, formErrors, here, tooLong);
      } else {
        formErrors.add(here('type'), 'UNION_TYPE_CHOICES', 'Unsupported component type in this fake.');
      }
    }
  }
}

function validateSelect(
  select: RawComponent,
  formErrors: FormErrors,
  here: (...path: (string | number)[]) => (string | number)[],
  tooLong: (value: string | undefined, max: number, path: (string | number)[]) => void,
): void {
  if (!select.custom_id) formErrors.add(here('custom_id'), 'BASE_TYPE_REQUIRED', 'This field is required');
  tooLong(select.placeholder, COMPONENT_LIMITS.placeholder, here('placeholder'));
  const options = select.options ?? [];
  if (options.length < 1 || options.length > COMPONENT_LIMITS.selectOptions) {
    formErrors.add(
      here('options'),
      'BASE_TYPE_BAD_LENGTH',
      `Must be between 1 and ${COMPONENT_LIMITS.selectOptions} in length.`,
    );
  }
  const values = new Set<string>();
  for (const [o, option] of options.entries()) {
    if (!option.label || !option.value)
      formErrors.add(here('options', o), 'BASE_TYPE_REQUIRED', 'This field is required');
    tooLong(option.label, COMPONENT_LIMITS.optionLabel, here('options', o, 'label'));
    tooLong(option.value, COMPONENT_LIMITS.optionValue, here('options', o, 'value'));
    tooLong(option.description, COMPONENT_LIMITS.optionDescription, here('options', o, 'description'));
    if (option.value !== undefined && values.has(option.value)) {
      formErrors.add(
        here('options', o, 'value'),
        'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
        'Option values must be unique',
      );
    }
    if (option.value !== undefined) values.add(option.value);
  }
  const min = select.min_values ?? 1;
  const max = select.max_values ?? 1;
  if (min < 0 || max < 1 || min > max || max > options.length) {
    formErrors.add(here('max_values'), 'BASE_TYPE_BAD_INT', 'min_values and max_values must fit the options');
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
