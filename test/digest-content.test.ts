import { afterEach, describe, expect, it } from 'vitest';
import { digestEmbed, digestReply } from '../src/commands/shared/digest-embed';
import { embedLength, LIMITS } from '../src/commands/shared/limits';
import { digestSnapshotRecord, digestSnapshotWeeksRecord } from '../src/services/digest/config';
import { miniServices } from './support/services';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const DAY = 24 * 60 * 60 * 1000;

async function setup(now = '2025-03-03T00:00:00.000Z') {
  const ctx = await miniServices({ now });
  cleanup = ctx.cleanup;
  const add = (
    role: string,
    company: string,
    requirements: string,
    extra: { url?: string; title?: string } = {},
  ) => ctx.services.postings.add('g', { company, role, requirements, ...extra });
  return { ...ctx, add };
}

const text = (embed: ReturnType<typeof digestEmbed>) =>
  [
    embed.title,
    embed.description,
    ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]),
    embed.footer?.text,
  ].join('\n');

describe('digest content', () => {
  it('names skills in the digest’s language', async () => {
    const { services, add } = await setup();
    await add('backend', 'A', '- 비즈니스 영어\n- Python');
    const model = await services.digest.build('g', { timezone: 'Asia/Seoul' });
    const ko = digestReply(model, 'ko').embeds?.[0];
    const en = digestReply(model, 'en').embeds?.[0];
    if (!ko || !en) throw new Error('expected a digest embed');
    expect(text(ko)).toContain('**영어**');
    expect(text(en)).toContain('**English**');
  });

  it('says when a top requirement is only implied, and never makes one the focus', async () => {
    const { services, add } = await setup();
    await add('backend', 'A', '- Django 경험');
    await add('backend', 'B', '- Flask 경험');
    const model = await services.digest.build('g', { timezone: 'Asia/Seoul' });
    const python = model.roles[0]?.top.find((s) => s.id === 'python');
    expect(python).toMatchObject({ count: 2, implied: 2 });
    expect(text(digestEmbed(model, 'en'))).toContain('**Python** (2 · implied only)');
    expect(model.focus?.id).not.toBe('python');
  });

  it('says a quiet week in one line', async () => {
    const { services, add, clock } = await setup();
    await add('backend', 'Old Co', '- Python');
    clock.advance(10 * DAY);
    const model = await services.digest.build('g', { timezone: 'Asia/Seoul' });
    expect(model.newPostings).toBe(0);
    expect(model.roles).toEqual([]);
    const reply = digestReply(model, 'en');
    expect(reply.embeds).toBeUndefined();
    expect(reply.content?.split('\n')).toHaveLength(1);
    expect(reply.content).toMatch(/^Quiet week: no new postings from Mar 6 to Mar 13\./);
    expect(digestReply(model, 'ko').content).toMatch(/^조용한 한 주/);
  });

  it('counts the week by role and lists companies with links, capped with "and N more"', async () => {
    const { services, add, clock } = await setup();
    await add('backend', 'Before Co', '- Java');
    clock.advance(8 * DAY);
    for (let i = 1; i <= 12; i++) {
      await add(i <= 9 ? 'backend' : 'frontend', `Company ${i}`, '- Python\n- AWS', {
        url: `https://jobs.example.com/${i}?a=(b)`,
        title: `Engineer ${i}`,
      });
      clock.advance(60_000);
    }
    const model = await services.digest.build('g');
    expect(model.newPostings).toBe(12);
    expect(model.byRole.map((r) => [r.roleId, r.count])).toEqual([
      ['backend', 9],
      ['frontend', 3],
    ]);
    const embed = digestEmbed(model, 'en');
    const postings = embed.fields?.[0];
    expect(postings?.name).toBe('New postings');
    expect(postings?.value.match(/\]\(https:\/\/jobs\.example\.com\/\d+/g)).toHaveLength(10);
    // Parentheses in a link are encoded so the Markdown link stays whole.
    expect(postings?.value).toContain('%28b%29');
    expect(postings?.value).toContain('…and 2 more');
    expect(embed.description).toContain('**12** new postings in the last seven days: Backend 9 · Frontend 3');
  });

  it('shows top requirements, what entered the top list and shares that moved 10 points, against last week', async () => {
    const { services, add, clock } = await setup('2025-03-03T00:00:00.000Z');
    await add('backend', 'A', '- Python\n- AWS');
    await add('backend', 'B', '- Python\n- AWS');
    await add('backend', 'C', '- Python\n- Git');
    await add('backend', 'D', '- Java\n- Git');
    const first = await services.digest.build('g', { timezone: 'Asia/Seoul' });
    expect(first.previousWeek).toBeNull();
    expect(first.roles[0]?.changes).toBeNull();
    expect(text(digestEmbed(first, 'en'))).toContain('First digest');
    await services.digest.recordPosted('g', { week: first.week, channelId: 'c' });

    clock.advance(7 * DAY);
    await add('backend', 'E', '- Java\n- Spring Boot\n- Kubernetes');
    await add('backend', 'F', '- Java\n- Spring Boot\n- Kubernetes');
    await add('backend', 'G', '- Java\n- Spring Boot\n- MySQL');
    const second = await services.digest.build('g', { timezone: 'Asia/Seoul' });
    expect(second.week).not.toBe(first.week);
    expect(second.previousWeek).toBe(first.week);
    const backend = second.roles.find((r) => r.roleId === 'backend');
    expect(backend).toMatchObject({ newPostings: 3, postings: 7 });
    expect(backend?.top[0]).toMatchObject({ id: 'java', count: 4 });
    expect(backend?.changes?.entered.map((s) => s.id)).toEqual(expect.arrayContaining(['spring-boot']));
    // Java: 1 of 4 (25%) → 4 of 7 (57%); Python: 3 of 4 (75%) → 3 of 7 (43%).
    expect(backend?.changes?.rose.map((s) => s.id)).toContain('java');
    expect(backend?.changes?.fell.map((s) => s.id)).toEqual(expect.arrayContaining(['python', 'aws']));
    const rendered = text(digestEmbed(second, 'en'));
    expect(rendered).toContain('Backend: top requirements now');
    expect(rendered).toMatch(/Rising: Java 25% → 57%/);
    expect(rendered).toMatch(/Falling: .*Python 75% → 43%/);
    expect(rendered).toMatch(/New in the top 5: .*Spring Boot/);
    const ko = text(digestEmbed(second, 'ko'));
    expect(ko).toContain('주간 요약');
    expect(ko).toContain('오름: Java 25% → 57%');
  });

  it('picks as focus the requirement most shared across roles that this week’s postings ask for', async () => {
    const { services, add, clock } = await setup();
    await add('backend', 'A', '- Python\n- Git');
    await add('backend', 'B', '- Python\n- Git');
    await add('frontend', 'C', '- JavaScript\n- Git');
    await add('data-engineer', 'D', '- Python\n- Git');
    clock.advance(8 * DAY);
    await add('frontend', 'E', '- JavaScript\n- Git');
    await add('backend', 'F', '- Java');
    const model = await services.digest.build('g');
    // Git: required by 5 of 6 postings in three roles, and asked for by one of the two new postings.
    expect(model.focus).toMatchObject({ id: 'git', share: 0.833, roles: 3, newPostings: 1, of: 2 });
    expect(text(digestEmbed(model, 'en'))).toContain(
      '**Git**: required by 83% of the group’s postings across 3 roles, and asked for by 1 of this week’s 2 new postings.',
    );
  });

  it('keeps the snapshots of the last eight weeks only', async () => {
    const { services, add, clock } = await setup();
    await add('backend', 'A', '- Python');
    const weeks: string[] = [];
    for (let i = 0; i < 10; i++) {
      const model = await services.digest.build('g');
      weeks.push(model.week);
      await services.digest.recordPosted('g', { week: model.week, channelId: 'c' });
      clock.advance(7 * DAY);
    }
    const scope = services.store.guild('g');
    expect((await scope.get(digestSnapshotWeeksRecord))?.weeks).toEqual(weeks.slice(2));
    expect(await scope.get(digestSnapshotRecord, weeks[0])).toBeUndefined();
    const kept = await scope.get(digestSnapshotRecord, weeks[9]);
    expect(kept?.roles.backend).toEqual({ postings: 1, top: [{ id: 'python', share: 1 }] });
    expect((await services.digest.lastPosted('g'))?.week).toBe(weeks[9]);
  });

  it('stays within Discord limits however much there is to say', async () => {
    const { services, add, clock } = await setup();
    clock.advance(DAY);
    const long = 'X'.repeat(95);
    const many = Array.from(
      { length: 25 },
      (_, i) => `- Python ${i}\n- Java\n- AWS\n- Git\n- MySQL\n- Kubernetes`,
    );
    for (const role of ['backend', 'frontend', 'data-engineer']) {
      for (let i = 0; i < 20; i++) {
        await add(role, `${long}${i}`, many[i] ?? '- Python', {
          url: `https://example.com/${'p'.repeat(300)}/${role}/${i}`,
          title: long,
        });
      }
    }
    const model = await services.digest.build('g');
    for (const locale of ['en', 'ko'] as const) {
      const embed = digestEmbed(model, locale);
      expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
      for (const field of embed.fields ?? [])
        expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  });
});
