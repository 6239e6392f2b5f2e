import type { PhraseRule } from '../taxonomy/schema';
import { createLexicon, type Lexicon, type LexiconScan } from './lexicon';
import { cleanText, lowerSameLength } from './text';

/**
 * Phrase rules: concepts that are written as phrases, not names ("서비스를 직접 설계하고 운영해 본").
 *
 * A pattern is a sequence of terms separated by spaces. A term is one or more alternatives joined by `|`;
 * an alternative matches where a word starts and may go on (a stem with its endings and particles:
 * `운영` matches 운영해, 운영하신, 운영한, 운영을), `*` in front lets it start inside a word (`*서비스` in
 * 실서비스), `$` at the end makes it end the word (`rtl$`; after a Latin term a Korean particle may
 * follow). `_` stands for a space inside an alternative
 * (`서버_개발`). Consecutive terms stand in consecutive words, or in the same word when the second starts
 * inside it; `~N` between two terms allows up to N words between them (`~` alone: 4). `@name` stands
 * for the alternatives of a named word list.
 *
 * The text is compared in lower case, with markup removed. Every term text is in one trie (the lexicon,
 * shared with the skills' aliases), so an item is walked once whatever the number of rules, and chaining
 * terms looks back a bounded number of words: matching costs linear time.
 */

export interface CompiledPattern {
  source: string;
  terms: Term[];
  /** gaps[i]: most words allowed between terms[i] and terms[i + 1]. */
  gaps: number[];
}

interface Alternative {
  text: string;
  infix: boolean;
  wordEnd: boolean;
}

interface Term {
  alternatives: Alternative[];
}

interface Occurrence {
  start: number;
  end: number;
}

export interface Span {
  start: number;
  end: number;
}

const DEFAULT_GAP = 4;
const MAX_GAP = 12;

export class PatternError extends Error {}

/** Named word lists a pattern refers to as `@name` (`@service ~4 운영`). */
export type WordLists = Readonly<Record<string, readonly string[]>>;

export function compilePattern(source: string, words: WordLists = {}): CompiledPattern {
  const parts = source.trim().split(/\s+/);
  const terms: Term[] = [];
  const gaps: number[] = [];
  let pendingGap: number | undefined;
  for (const part of parts) {
    const gap = /^~(\d{1,2})?$/.exec(part);
    if (gap) {
      if (terms.length === 0 || pendingGap !== undefined) {
        throw new PatternError(`"${source}": a gap must stand between two terms`);
      }
      pendingGap = gap[1] === undefined ? DEFAULT_GAP : Number(gap[1]);
      if (pendingGap > MAX_GAP) throw new PatternError(`"${source}": gaps go up to ${MAX_GAP} words`);
      continue;
    }
    const expanded = part.split('|').flatMap((raw) => {
      if (!raw.startsWith('@')) return [raw];
      const list = words[raw.slice(1)];
      if (!list) throw new PatternError(`"${source}": no word list ${raw}`);
      return list;
    });
    const alternatives = expanded.map((raw): Alternative => {
      const infix = raw.startsWith('*');
      const wordEnd = raw.endsWith('$') && raw.length > 1;
      const text = lowerSameLength(raw.slice(infix ? 1 : 0, wordEnd ? -1 : undefined).replace(/_/g, ' '));
      if (text === '' || /[*$~|]/.test(text)) throw new PatternError(`"${source}": bad term "${raw}"`);
      return { text, infix, wordEnd };
    });
    if (terms.length > 0) gaps.push(pendingGap ?? 0);
    pendingGap = undefined;
    terms.push({ alternatives });
  }
  if (terms.length === 0) throw new PatternError('an empty pattern');
  if (pendingGap !== undefined) throw new PatternError(`"${source}": a gap must stand between two terms`);
  return { source, terms, gaps };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** An item prepared once for all rules: its lower-case text and the word each position stands in. */
export interface PreparedText {
  text: string;
  /** For every character, the index of the word it belongs to (separators belong to the word before). */
  wordAt: Int32Array;
  isWord: Uint8Array;
  /** Where a term text starts, as found by the lexicon's walk; absent: searched on demand. */
  startsOf?: (text: string) => readonly number[];
}

/** Reused word maps: an item's are valid until the next item is prepared. */
interface WordBuffers {
  wordAt: Int32Array;
  isWord: Uint8Array;
}

function withWords(
  text: string,
  startsOf?: (text: string) => readonly number[],
  buffers?: WordBuffers,
): PreparedText {
  let wordAt = buffers?.wordAt;
  let isWord = buffers?.isWord;
  if (!wordAt || !isWord || wordAt.length < text.length) {
    wordAt = new Int32Array(Math.max(text.length, 64));
    isWord = new Uint8Array(wordAt.length);
    if (buffers) {
      buffers.wordAt = wordAt;
      buffers.isWord = isWord;
    }
  }
  let word = -1;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII letters and digits and Hangul syllables are word characters; the regex only for the rest.
    const w =
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code > 0x7f && WORD_CHAR.test(text.charAt(i)));
    if (w && !inWord) word++;
    inWord = w;
    isWord[i] = w ? 1 : 0;
    wordAt[i] = Math.max(word, 0);
  }
  return startsOf ? { text, wordAt, isWord, startsOf } : { text, wordAt, isWord };
}

export function prepareText(raw: string): PreparedText {
  return withWords(lowerSameLength(cleanText(raw)));
}

function startsOf(p: PreparedText, text: string): readonly number[] {
  if (p.startsOf) return p.startsOf(text);
  const out: number[] = [];
  for (let at = p.text.indexOf(text); at >= 0; at = p.text.indexOf(text, at + 1)) out.push(at);
  return out;
}

const isWordAt = (p: PreparedText, at: number) => at >= 0 && at < p.text.length && p.isWord[at] === 1;
const LATIN_OR_DIGIT = /[a-z0-9_\u00c0-\u024f]/;

/**
 * `$`: the word goes on after the term. A Latin term ends where Latin letters end, so a Korean particle
 * may follow (`Flow를`); a Hangul term ends only at a space or punctuation.
 */
function endsTooEarly(p: PreparedText, term: string, end: number): boolean {
  if (!isWordAt(p, end)) return false;
  return !LATIN_OR_DIGIT.test(term.charAt(term.length - 1)) || LATIN_OR_DIGIT.test(p.text.charAt(end));
}

function occurrences(p: PreparedText, term: Term, masked: readonly Span[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const alt of term.alternatives) {
    for (const at of startsOf(p, alt.text)) {
      const end = at + alt.text.length;
      if (!alt.infix && isWordAt(p, at - 1)) continue;
      if (alt.wordEnd && endsTooEarly(p, alt.text, end)) continue;
      if (masked.some((m) => at < m.end && end > m.start)) continue;
      out.push({ start: at, end });
    }
  }
  return term.alternatives.length > 1 ? out.sort((a, b) => a.start - b.start || a.end - b.end) : out;
}

/** Words strictly between the end of `a` and the start of `b`; -1 when `b` does not come after `a`. */
function wordsBetween(p: PreparedText, a: Occurrence, b: Occurrence): number {
  if (b.start < a.end) return -1;
  const last = p.wordAt[a.end - 1] ?? 0;
  const first = p.wordAt[b.start] ?? 0;
  return first === last ? 0 : first - last - 1;
}

/** A term spans at most this many words (`서버_개발_경험`); bounds how far back a chain is looked for. */
const MAX_TERM_WORDS = 6;
/** Chains looked back at per occurrence: only a text repeating one word dozens of times reaches it. */
const MAX_LOOKBACK = 64;

/** For every position, how many of the spans start before it: a gap [a, b) holds one iff the counts differ. */
function startsBefore(length: number, spans: readonly Span[]): Int32Array | undefined {
  if (spans.length === 0) return undefined;
  const counts = new Int32Array(length + 1);
  for (const span of spans) counts[span.start + 1] = (counts[span.start + 1] ?? 0) + 1;
  for (let i = 1; i <= length; i++) counts[i] = (counts[i] ?? 0) + (counts[i - 1] ?? 0);
  return counts;
}

/**
 * Where the pattern matches in the text: the span from its first term to its last, for each way it does.
 * Terms inside `masked` do not count; no `breaks` span may start between two terms.
 */
export function matchPattern(
  p: PreparedText,
  pattern: CompiledPattern,
  masked: readonly Span[] = [],
  breaks: readonly Span[] = [],
): Span[] {
  const lists = pattern.terms.map((term) => occurrences(p, term, masked));
  if (lists.some((list) => list.length === 0)) return [];
  const breaksBefore = startsBefore(p.text.length, breaks);
  const broken = (from: number, to: number) =>
    breaksBefore !== undefined && (breaksBefore[to] ?? 0) - (breaksBefore[from] ?? 0) > 0;
  // reach[j]: the earliest start of a chain of the terms so far that ends at occurrence j of the last one.
  let reach: (number | undefined)[] = (lists[0] ?? []).map((o) => o.start);
  for (let t = 1; t < lists.length; t++) {
    const previous = lists[t - 1] ?? [];
    const current = lists[t] ?? [];
    const gap = pattern.gaps[t - 1] ?? 0;
    let hi = 0;
    reach = current.map((o) => {
      while (hi < previous.length && (previous[hi]?.start ?? 0) < o.start) hi++;
      const oldest = (p.wordAt[o.start] ?? 0) - gap - MAX_TERM_WORDS;
      let best: number | undefined;
      for (let i = hi - 1; i >= 0 && i >= hi - MAX_LOOKBACK; i--) {
        const prev = previous[i];
        if (!prev || (p.wordAt[prev.start] ?? 0) < oldest) break;
        const start = reach[i];
        if (start === undefined) continue;
        const between = wordsBetween(p, prev, o);
        if (between < 0 || between > gap || broken(prev.end, o.start)) continue;
        if (best === undefined || start < best) best = start;
      }
      return best;
    });
  }
  const spans: Span[] = [];
  (lists.at(-1) ?? []).forEach((o, i) => {
    const start = reach[i];
    if (start !== undefined) spans.push({ start, end: o.end });
  });
  return spans;
}

interface CompiledRule {
  id: string;
  skill?: string;
  masks: boolean;
  suppress: string[];
  patterns: CompiledPattern[];
  stops: CompiledPattern[];
  breaks: CompiledPattern[];
}

export interface PhraseHits {
  /** Skills the rules found, in rule order, each once. */
  skills: string[];
  /** What masking rules matched: no alias counts inside these spans. */
  masked: Span[];
  /** Skill, group or category ids the item does not ask for (see `PhraseRule.suppress`). */
  suppressed: string[];
}

export interface PhraseFinder {
  /**
   * `cleaned`: the text is already what cleanText() makes of it. `scan`: the shared lexicon's walk over
   * that text in lower case, when the caller has it already.
   */
  find(text: string, cleaned?: boolean, scan?: LexiconScan<unknown>): PhraseHits;
  /** Which rules match the text (for the rules' own examples). */
  rulesMatching(text: string): string[];
}

/** `lexicon`: the trie the term texts go into, shared with the skills' aliases. */
export function createPhraseFinder(
  rules: readonly PhraseRule[],
  words: WordLists = {},
  lexicon: Lexicon<unknown> = createLexicon<unknown>(),
): PhraseFinder {
  const compile = (source: string) => compilePattern(source, words);
  const compiled: CompiledRule[] = rules.map((rule) => ({
    id: rule.id,
    ...(rule.skill !== undefined ? { skill: rule.skill } : {}),
    masks: rule.masks,
    suppress: rule.suppress,
    patterns: rule.patterns.map(compile),
    stops: rule.stops.map(compile),
    breaks: rule.breaks.map(compile),
  }));
  for (const rule of compiled) {
    for (const pattern of [...rule.patterns, ...rule.stops, ...rule.breaks]) {
      for (const term of pattern.terms) for (const alt of term.alternatives) lexicon.addTerm(alt.text);
    }
  }
  // The word maps are reused from item to item; the starts of the texts are the current walk's.
  const buffers: WordBuffers = { wordAt: new Int32Array(256), isWord: new Uint8Array(256) };
  const noStarts: readonly number[] = [];
  let current: LexiconScan<unknown> | undefined;
  const startsOfText = (text: string) => current?.termStarts[lexicon.termNumber(text) ?? -1] ?? noStarts;
  // Every term gets a number; for each text, the terms it is an alternative of. An item's texts then say
  // which terms occur in it, and a pattern is worth matching only when all of its terms do.
  const termIds = new Map<Term, number>();
  const termsOfText: number[][] = Array.from({ length: lexicon.termCount }, () => []);
  for (const rule of compiled) {
    for (const pattern of [...rule.patterns, ...rule.stops, ...rule.breaks]) {
      for (const term of pattern.terms) {
        if (termIds.has(term)) continue;
        const id = termIds.size;
        termIds.set(term, id);
        for (const alt of term.alternatives) termsOfText[lexicon.termNumber(alt.text) ?? -1]?.push(id);
      }
    }
  }
  const idsOf = (pattern: CompiledPattern) =>
    Int32Array.from(pattern.terms, (term) => termIds.get(term) ?? -1);
  const plans = compiled.map((rule, order) => ({
    rule,
    order,
    patterns: rule.patterns.map((pattern) => ({ pattern, ids: idsOf(pattern) })),
    stops: rule.stops.map((pattern) => ({ pattern, ids: idsOf(pattern) })),
  }));
  type Plan = (typeof plans)[number];

  // For each term, the plans whose patterns use it: an item's terms lead to the few plans worth trying.
  const plansOfTerm: number[][] = Array.from({ length: termIds.size }, () => []);
  plans.forEach((plan, index) => {
    for (const { ids } of plan.patterns) {
      for (const id of ids) {
        const list = plansOfTerm[id];
        if (list && list.at(-1) !== index) list.push(index);
      }
    }
  });
  // Which terms occur in the current item: `seen[id] === stamp`, so nothing is cleared between items.
  const seen = new Int32Array(termIds.size);
  const tried = new Int32Array(plans.length);
  let stamp = 0;
  /** A pattern is worth matching only when every one of its terms occurs: most are not. */
  const possible = (ids: Int32Array) => {
    for (let i = 0; i < ids.length; i++) if (seen[ids[i] ?? 0] !== stamp) return false;
    return true;
  };
  const run = (text: string, cleaned = false, given?: LexiconScan<unknown>) => {
    const hits: { rule: CompiledRule; spans: Span[] }[] = [];
    const original = cleaned ? text : cleanText(text);
    // A walk given along was made over this text in lower case, which keeps its length.
    const reuse = given !== undefined && given.text.length === original.length;
    const lower = reuse ? given.text : lowerSameLength(original);
    if (lower === '') return hits;
    current = reuse ? given : lexicon.scan(lower);
    if (current.termsFound.length === 0) return hits;
    stamp++;
    const present: number[] = [];
    for (const found of current.termsFound) {
      for (const id of termsOfText[found] ?? []) {
        if (seen[id] === stamp) continue;
        seen[id] = stamp;
        present.push(id);
      }
    }
    const candidates: Plan[] = [];
    for (const id of present) {
      for (const index of plansOfTerm[id] ?? []) {
        if (tried[index] === stamp) continue;
        tried[index] = stamp;
        const plan = plans[index];
        if (plan?.patterns.some((p) => possible(p.ids))) candidates.push(plan);
      }
    }
    if (candidates.length === 0) return hits;
    // Rules run in the order of the data file, whatever order their terms were found in.
    candidates.sort((a, b) => a.order - b.order);
    const prepared = withWords(lower, startsOfText, buffers);
    const spansOf = (plan: Plan, masked: readonly Span[]) => {
      const stops = [...masked];
      for (const stop of plan.stops)
        if (possible(stop.ids)) stops.push(...matchPattern(prepared, stop.pattern));
      const breaks = plan.rule.breaks.flatMap((word) => matchPattern(prepared, word, stops));
      return plan.patterns.flatMap((p) =>
        possible(p.ids) ? matchPattern(prepared, p.pattern, stops, breaks) : [],
      );
    };
    // Masking rules run first: what they cover names nothing else, by alias or by another rule.
    for (const plan of candidates) {
      if (!plan.rule.masks) continue;
      const spans = spansOf(plan, []);
      if (spans.length > 0) hits.push({ rule: plan.rule, spans });
    }
    const masked = hits.flatMap((hit) => hit.spans);
    for (const plan of candidates) {
      if (plan.rule.masks) continue;
      const spans = spansOf(plan, masked);
      if (spans.length > 0) hits.push({ rule: plan.rule, spans });
    }
    return hits;
  };
  return {
    find(text, cleaned, scan) {
      const skills: string[] = [];
      const masked: Span[] = [];
      const suppressed: string[] = [];
      for (const { rule, spans } of run(text, cleaned, scan)) {
        if (rule.skill !== undefined && !skills.includes(rule.skill)) skills.push(rule.skill);
        if (rule.masks) masked.push(...spans);
        suppressed.push(...rule.suppress);
      }
      return { skills, masked, suppressed };
    },
    rulesMatching: (text) => run(text).map((hit) => hit.rule.id),
  };
}
