import type { APIApplicationCommandBasicOption } from 'discord-api-types/v10';
import { autocomplete } from '../commands/dispatch';
import { choiceSetOf } from '../commands/shared/options';
import { localName } from '../commands/shared/syntax';
import type { Command } from '../commands/types';
import {
  commandWords,
  findCommand,
  findOption,
  findSubcommand,
  optionsOf,
  SHORTHANDS,
  subcommandNames,
  tokenize,
} from './command-line';
import type { Completer } from './line-reader';
import type { Runtime } from './runtime';

const startsWith = (word: string, prefix: string) => word.toLowerCase().startsWith(prefix.toLowerCase());
const unique = (words: string[]) => [...new Set(words)];
const quoted = (word: string) => (/\s/.test(word) ? `"${word}"` : word);
/** A finished word is followed by a space, so the next one can be typed at once. */
const spaced = (words: string[]) => words.map((w) => `${w} `);

/**
 * Tab completion in the console: command and subcommand names, option names, and option values, the
 * values from the same autocomplete the Discord commands answer with (roles, posting ids, time zones) or from
 * the option's choices.
 */
export function createCompleter(rt: Runtime, commands: readonly Command[]): Completer {
  const valuesFor = async (
    command: Command,
    subcommand: string | undefined,
    option: APIApplicationCommandBasicOption,
    prefix: string,
  ): Promise<string[]> => {
    const set = 'choices' in option ? choiceSetOf(option.choices) : undefined;
    if (set) {
      const words = [...set.words(rt.locale), ...set.words(rt.locale === 'ko' ? 'en' : 'ko')];
      return unique(words.filter((w) => startsWith(w, prefix)));
    }
    if (!('autocomplete' in option) || !option.autocomplete) return [];
    const ctx = rt.context(subcommand ? { subcommand } : {});
    const typed = prefix.replace(/^#/, '');
    const choices = await autocomplete(
      ctx,
      command.data.name,
      { name: option.name, value: typed },
      rt.logger,
    );
    const words = choices.map((choice) => {
      const value = String(choice.value);
      if (startsWith(value, typed)) return value;
      // A Korean query names a role in Korean: complete with that word of its name (`백` → `백엔드`).
      const word = choice.name.split(/[\s()·,]+/).find((w) => w && startsWith(w, typed));
      return word ?? value;
    });
    return unique(words.filter((w) => startsWith(w, typed))).map(quoted);
  };

  return async (line) => {
    const current = /\s$/.test(line) || line === '' ? '' : (tokenize(line).pop() ?? '');
    const before = tokenize(line.slice(0, line.length - current.length));
    if (before.length === 0) {
      const slash = current.startsWith('/') || current === '' ? '/' : '';
      const words = commandWords(commands).map((w) => `${slash}${w}`);
      return [spaced(unique(words.filter((w) => startsWith(w, current))).sort()), current];
    }
    const command = findCommand(commands, before[0] ?? '');
    if (!command) return [[], current];
    const rest = before.slice(1);
    const shorthand = SHORTHANDS[(before[0] ?? '').replace(/^\//, '').toLowerCase()];
    let subcommand = shorthand?.[1];
    const subs = subcommandNames(command);
    if (subs.length > 0 && !subcommand) {
      const typedSub = rest[0] !== undefined ? findSubcommand(command, rest[0]) : undefined;
      if (rest.length === 0) {
        const ownWords = (command.data.options ?? []).map((o) => localName(o, rt.locale));
        const subWords = unique([...ownWords, ...subs]).filter((w) => startsWith(w, current));
        if (subWords.length > 0) return [spaced(subWords), current];
      }
      subcommand = typedSub ?? subs[0];
      if (typedSub) rest.shift();
    }
    const options = optionsOf(command, subcommand);
    const named = /^([\p{L}\w-]+)[:=](.*)$/su.exec(current);
    if (named) {
      const option = findOption(options, named[1] ?? '');
      if (!option) return [[], current];
      const values = await valuesFor(command, subcommand, option, named[2] ?? '');
      return [spaced(values.map((v) => `${named[1]}:${v}`)), current];
    }
    const used = new Set(
      rest
        .map((token) => /^([\p{L}\w-]+)[:=]/u.exec(token)?.[1])
        .flatMap((n) => (n ? [findOption(options, n)?.name] : [])),
    );
    const positional = rest.filter((token) => !/^[\p{L}\w-]+[:=]/u.test(token));
    const open = options.filter((o) => !used.has(o.name));
    const words = open
      .filter((o) => !o.required || positional.length > 0)
      .map((o) => `${localName(o, rt.locale)}:`)
      .filter((w) => startsWith(w, current));
    const slot = positional.length === 0 ? (open.find((o) => o.required) ?? open[0]) : undefined;
    const values = slot ? await valuesFor(command, subcommand, slot, current) : [];
    return [unique([...spaced(values), ...words]), current];
  };
}
