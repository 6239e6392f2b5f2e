import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CANCELLED, type FormIo, fillForm } from '../src/cli/form';
import { END, INTERRUPT, type LineReader, type ReadResult } from '../src/cli/line-reader';
import { renderReply } from '../src/cli/render';
import { createContext } from '../src/commands/context';
import { digestReply } from '../src/commands/shared/digest-embed';
import { postingEmbed } from '../src/commands/shared/posting-embed';
import { summaryEmbed } from '../src/commands/shared/summary-embed';
import type { Context, Modal } from '../src/commands/types';
import { type Locale, translator } from '../src/i18n/index';
import { fixedClock } from '../src/services/clock';
import { createServices, type Services } from '../src/services/index';
import { tempStore } from './support/services';

let temp: Awaited<ReturnType<typeof tempStore>>;
let services: Services;
const ctxIn = (locale: Locale = 'en'): Context =>
  createContext({
    services,
    platform: { name: 'console', checkChannel: async () => 'ok' },
    locale,
    guildId: 'g',
    userId: 'u',
    userName: 'u',
    canManageMessages: true,
    canManageGuild: true,
  });
const field = (text: string, name: string) => {
  const start = text.indexOf(`[${name}]`);
  if (start < 0) return '';
  const rest = text.slice(start + name.length + 2);
  const end = rest.search(/\n\[|\n-- /);
  return end < 0 ? rest : rest.slice(0, end);
};

beforeEach(async () => {
  temp = await tempStore();
  services = createServices({ store: temp.store, clock: fixedClock('2026-03-04T01:00:00.000Z') });
});
afterEach(async () => {
  await temp.remove();
});

describe('the posting card', () => {
  it('keeps preferred skills out of the requirements, and explains the skills in brackets', async () => {
    const posting = await services.postings.add('g', {
      company: '\u200b토스\u200b',
      role: 'backend',
      requirements: '- Spring Boot 3년 이상\n- MySQL',
      preferred: '- AWS\n- Kubernetes',
    });
    expect(posting.company).toBe('토스');
    const text = renderReply({ embeds: [postingEmbed(ctxIn(), posting)] });
    const required = field(text, 'Requirements');
    const preferred = field(text, 'Preferred (beyond the requirements)');
    expect(required).toContain('Spring Boot');
    expect(required).toContain('(Spring)');
    expect(required).not.toMatch(/AWS|Kubernetes/);
    expect(preferred).toMatch(/AWS/);
    expect(preferred).toMatch(/Kubernetes/);
    expect(text).toContain('is implied by one the posting names');
    expect(text).not.toContain('*(');
  });
});

describe('the summary', () => {
  const add = (n: number, requirements: string, preferred = '') =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        services.postings.add('g', {
          company: `C${requirements.length}-${i}`,
          role: 'backend',
          requirements,
          preferred,
        }),
      ),
    );

  it('counts skill groups in the section asked for, and shows a group with the same skills once', async () => {
    await add(2, '- Java, Spring Boot 3년 이상', '- AWS');
    await add(1, '- Kotlin, Spring 3년 이상', '- Docker');
    const summary = await services.summary.forRole('g', 'backend');
    const preferred = field(
      renderReply({ embeds: [summaryEmbed(ctxIn(), summary, 'preferred')] }),
      'Skill groups',
    );
    expect(preferred).not.toContain('Programming languages');
    expect(preferred).toMatch(/Cloud providers 67% — AWS 2/);
    const both = field(renderReply({ embeds: [summaryEmbed(ctxIn(), summary, 'both')] }), 'Skill groups');
    expect(both).toContain('Programming languages 100%');
    // Spring Boot alone does not count as Spring, so Spring is named by one posting.
    expect(both).toMatch(/Java\/Kotlin web frameworks \/ Spring ecosystem 100% — Spring Boot 2 · Spring 1/);
    expect(both.match(/Spring ecosystem/g)).toHaveLength(1);
  });

  it('says one experience figure once ("3 years", not "3 to 3")', async () => {
    await add(2, '- Java 3년 이상');
    const summary = await services.summary.forRole('g', 'backend');
    const text = renderReply({ embeds: [summaryEmbed(ctxIn(), summary, 'both')] });
    expect(text).toContain('Required: 3 years in 2 postings');
    const ko = renderReply({ embeds: [summaryEmbed(ctxIn('ko'), summary, 'both')] });
    expect(ko).toContain('요구 경력: 3년 (공고 2개)');
    expect(ko).not.toContain('3~3');
  });

  it('rounds a share one way in the console, the export and the digest (5 of 13 is 38%)', async () => {
    await add(5, '- Python\n- Go');
    await add(8, '- Go');
    const summary = await services.summary.forRole('g', 'backend');
    const console = renderReply({ embeds: [summaryEmbed(ctxIn(), summary, 'required')] });
    expect(console).toMatch(/38% Python \(5\)/);
    const exported = await services.exports.export('g', { format: 'markdown', locale: 'en' });
    expect(exported.content).toContain('Python: 5/13 (38%)');
    const digest = await services.digest.build('g', { now: new Date('2026-03-05T00:00:00Z') });
    expect(renderReply(digestReply(digest, 'en'))).toMatch(/38% Python \(5\)/);
  });
});

/** A reader that answers from a list, as a person typing would. */
function answers(lines: ReadResult[]): LineReader {
  const queue = [...lines];
  return {
    read: async () => queue.shift() ?? Symbol.for('end'),
    history: () => [],
    close: () => {},
  } as LineReader;
}

describe('console forms', () => {
  const said: string[] = [];
  const io = (lines: ReadResult[]): FormIo => ({
    reader: answers(lines),
    say: (t) => said.push(t),
    warn: (t) => said.push(t),
    t: translator('ko'),
    locale: 'ko',
    readFile: async () => '',
    strong: (t) => t,
  });
  const modal: Modal = {
    customId: 'x',
    title: 'T',
    fields: [
      { id: 'company', label: '회사', style: 'short', required: true, maxLength: 100, value: '리디' },
      {
        id: 'title',
        label: '포지션',
        style: 'short',
        required: false,
        maxLength: 100,
        value: '아주 긴 포지션 이름'.repeat(8),
      },
    ],
  };

  it('shows a short current value whole, and cuts only a long one', async () => {
    said.length = 0;
    const result = await fillForm(modal, io(['', '-']));
    expect(result).toEqual({ company: '리디', title: '' });
    expect(said.join('\n')).toContain('[Enter: 그대로 리디]');
    expect(said.join('\n')).not.toContain('리디…');
    expect(said.join('\n')).toContain(
      '[Enter: 그대로 아주 긴 포지션 이름아주 긴 포지션 이름아주 긴 포지션 이름아주 긴 포지…]',
    );
  });

  it('is cancelled whole by Ctrl-C or the end of input', async () => {
    expect(await fillForm(modal, io(['토스', INTERRUPT]))).toBe(CANCELLED);
    expect(await fillForm(modal, io([END]))).toBe(CANCELLED);
  });
});
