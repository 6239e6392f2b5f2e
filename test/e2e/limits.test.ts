import type {
  APIActionRowComponent,
  APIButtonComponentWithCustomId,
  APIComponentInMessageActionRow,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FIELD_CHARS, type PostingInput } from '../../src/services/postings/schema';
import { loadTaxonomy } from '../../src/services/taxonomy/load';
import {
  addPosting,
  assertWithinDiscordLimits,
  errorLogs,
  type Harness,
  messageText,
  startHarness,
} from './support';

const ROLE = 'backend';
const SKILLS = 300;
const POSTINGS = 1000;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);

afterAll(async () => {
  await h?.close();
});

/** Skills whose first alias, alone on a line, is recognized as exactly that skill. */
function recognizableSkills(count: number): { id: string; text: string }[] {
  const found: { id: string; text: string }[] = [];
  for (const skill of loadTaxonomy().skills) {
    const text = skill.aliases[0] ?? skill.label;
    const [item] = h.services.normalizer.normalizeSection(`- ${text}`, 'required');
    if (item?.skills.some((s) => s.id === skill.id && !s.implied)) found.push({ id: skill.id, text });
    if (found.length === count) break;
  }
  return found;
}

const fill = (text: string, max: number) => text.repeat(Math.ceil(max / text.length)).slice(0, max);

describe('the biggest realistic summary', () => {
  beforeAll(async () => {
    const skills = recognizableSkills(SKILLS);
    expect(skills).toHaveLength(SKILLS);
    const inputs: PostingInput[] = Array.from({ length: POSTINGS }, (_, i) => {
      // Ten required and five preferred skills each, rotating so that all 300 appear, unevenly.
      const pick = (offset: number, n: number) =>
        Array.from({ length: n }, (_, k) => skills[(i * 7 + offset + k * (k + 3)) % SKILLS]?.text ?? 'Java');
      return {
        company: fill(`주식회사 아주 긴 이름의 회사 ${i} `, MAX_FIELD_CHARS.company),
        role: ROLE,
        title: fill(`Senior Backend Engineer ${i} `, MAX_FIELD_CHARS.title),
        url: `https://careers.example.com/jobs/${i}?ref=${'x'.repeat(200)}`,
        requirements: pick(0, 10)
          .map((s) => `- ${s} 개발 경험 ${1 + (i % 7)}년 이상`)
          .join('\n'),
        preferred: pick(150, 5)
          .map((s) => `- ${s} 경험`)
          .join('\n'),
        submittedBy: h.guild.defaultMember.user.id,
      };
    });
    for (let i = 0; i < inputs.length; i += 100)
      await h.services.postings.addMany(h.guild.id, inputs.slice(i, i + 100));
    const summary = await h.services.summary.forRole(h.guild.id, ROLE);
    expect(summary.postings).toBe(POSTINGS);
    expect(summary.required.length + summary.preferred.length).toBeGreaterThanOrEqual(SKILLS);
  }, 120_000);

  it.each([
    ['ko', 'both'],
    ['en-US', 'both'],
    ['ko', 'required'],
    ['en-US', 'preferred'],
  ] as const)('fits Discord in %s (%s)', async (locale, section) => {
    const reply = await h.discord
      .sendCommand({ name: 'summary', options: { role: ROLE, section }, locale })
      .nextMessage();
    // Deferred before the radar is drawn, then the deferred reply is edited into the answer.
    expect(reply.source).toBe('edit');
    expect(reply.files.map((f) => f.contentType)).toEqual(['image/png']);
    expect(messageText(reply)).toContain(String(POSTINGS));
    assertWithinDiscordLimits(reply);
  });

  it('lists and pages within the limits', async () => {
    const list = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'list', locale: 'ko' })
      .nextMessage();
    assertWithinDiscordLimits(list);
    const rows = list.components as APIActionRowComponent<APIComponentInMessageActionRow>[];
    const next = rows[0]?.components[1] as APIButtonComponentWithCustomId | undefined;
    const page2 = await h.discord
      .sendComponent({ customId: next?.custom_id ?? '', messageId: list.messageId, locale: 'ko' })
      .nextMessage();
    expect(messageText(page2)).toContain('2쪽');
    assertWithinDiscordLimits(page2);
  });

  it('offers at most 25 autocomplete choices of at most 100 characters', async () => {
    const callback = await h.discord
      .sendAutocomplete({ name: 'postings', subcommand: 'show', options: { id: '' }, focused: 'id' })
      .response();
    const choices = (callback as { data: { choices: { name: string }[] } }).data.choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });
});

describe('the longest accepted posting', () => {
  const skills = () =>
    recognizableSkills(120)
      .map((s) => s.text)
      .slice(0, 120);

  it('is confirmed, shown and listed within the limits', async () => {
    const names = skills();
    const lines = (from: number) =>
      names.slice(from).map((s, i) => `- ${s} 활용 경험 ${i % 5}년 이상 @everyone`);
    const fields = {
      company: fill('@everyone 가나다라 Company ', MAX_FIELD_CHARS.company),
      title: fill('Principal Platform Engineer ', MAX_FIELD_CHARS.title),
      url: `https://jobs.example.com/${'p'.repeat(MAX_FIELD_CHARS.url - 'https://jobs.example.com/'.length)}`,
      requirements: fill(`${lines(0).join('\n')}\n`, MAX_FIELD_CHARS.requirements),
      preferred: fill(`${lines(60).join('\n')}\n`, MAX_FIELD_CHARS.preferred),
    };
    for (const [name, value] of Object.entries(fields)) {
      expect(value.length, name).toBe(MAX_FIELD_CHARS[name as keyof typeof MAX_FIELD_CHARS]);
    }
    const added = await addPosting(h, 'frontend', fields, { locale: 'ko' });
    expect(added.ephemeral).toBe(false);
    assertWithinDiscordLimits(added);
    const id = Number(/#(\d+)/.exec(added.embeds[0]?.title ?? '')?.[1]);
    expect(id).toBeGreaterThan(POSTINGS);

    for (const locale of ['ko', 'en-US'] as const) {
      const shown = await h.discord
        .sendCommand({ name: 'postings', subcommand: 'show', options: { id }, locale })
        .nextMessage();
      expect(shown.embeds).toHaveLength(2);
      assertWithinDiscordLimits(shown);
      const summary = await h.discord
        .sendCommand({ name: 'summary', options: { role: 'frontend' }, locale })
        .nextMessage();
      assertWithinDiscordLimits(summary);
    }
    const list = await h.discord
      .sendCommand({ name: 'postings', subcommand: 'list', options: { role: 'frontend' } })
      .nextMessage();
    assertWithinDiscordLimits(list);
    expect(errorLogs(h)).toEqual([]);
  });
});

describe('assertWithinDiscordLimits', () => {
  it('catches each limit', () => {
    const field = (value: string) => ({ name: 'n', value });
    const bad = [
      { content: 'x'.repeat(2001) },
      { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
      { embeds: [{ title: 'x'.repeat(257) }] },
      { embeds: [{ description: 'x'.repeat(4097) }] },
      { embeds: [{ fields: [field('x'.repeat(1025))] }] },
      { embeds: [{ fields: Array.from({ length: 26 }, () => field('v')) }] },
      { embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] },
      { embeds: [{ fields: [field('')] }] },
    ];
    for (const message of bad) expect(() => assertWithinDiscordLimits(message)).toThrow();
    assertWithinDiscordLimits({ content: 'x'.repeat(2000), embeds: [{ description: 'x'.repeat(4000) }] });
  });
});
