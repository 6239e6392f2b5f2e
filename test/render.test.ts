import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { buttonsOf, columns, plain, renderReply, type TerminalStyle, wantsColor } from '../src/cli/render';
import { safe, safeLines } from '../src/commands/shared/text';
import type { Reply } from '../src/commands/types';

const style = (over: Partial<TerminalStyle> = {}): TerminalStyle => ({
  locale: 'en',
  timeZone: 'Asia/Seoul',
  color: false,
  now: () => new Date('2026-11-23T00:00:00Z'),
  ...over,
});

describe('console rendering', () => {
  it('undoes Markdown escapes and drops emphasis', () => {
    // what a member typed comes back as they typed it, Markdown characters included
    expect(plain(safe('`Python` and **C++** _x_ @everyone'))).toBe('`Python` and **C++** _x_ @everyone');
    expect(plain('**bold** [Toss](https://toss.im) `code`')).toBe('bold Toss (https://toss.im) code');
    expect(plain(safeLines('- a*b\n- `c`'))).toBe('- a*b\n- `c`');
    expect(plain('Java · *(Spring)* · snake_case_name · 2*3*4')).toBe(
      'Java · (Spring) · snake_case_name · 2*3*4',
    );
    expect(plain('[a_b](https://x.example/_y_/z)')).toBe('a_b (https://x.example/_y_/z)');
  });

  it('shows Discord timestamps in the server’s time zone and language, and how far away they are', () => {
    // 2026-12-01 00:00 UTC is 09:00 in Seoul and 19:00 the day before in New York
    const unix = Date.UTC(2026, 11, 1) / 1000;
    expect(plain(`<t:${unix}:F>`, style())).toBe('Tuesday, December 1, 2026 at 9:00 AM');
    expect(plain(`<t:${unix}:F>`, style({ timeZone: 'America/New_York' }))).toBe(
      'Monday, November 30, 2026 at 7:00 PM',
    );
    expect(plain(`<t:${unix}:F>`, style({ locale: 'ko' }))).toBe('2026년 12월 1일 화요일 09:00');
    expect(plain(`<t:${unix}:t> <t:${unix}:d>`, style())).toBe('9:00 AM 12/1/26');
    expect(plain(`<t:${unix}:R>`, style())).toBe('next week');
    expect(plain(`<t:${unix}:R>`, style({ locale: 'ko' }))).toBe('다음 주');
    expect(plain(`<t:${unix}>`, style())).toBe('December 1, 2026 at 9:00 AM');
  });

  it('shows channels, mentions and bare links as readable text', () => {
    expect(plain('Posted in <#123456789012345678> for <@42> and <@&7>, see <https://toss.im/a>')).toBe(
      'Posted in #123456789012345678 for @42 and @7, see https://toss.im/a',
    );
    expect(plain('@\u200beveryone')).toBe('@everyone');
  });

  it('numbers buttons and marks disabled ones', () => {
    const text = renderReply({
      content: 'hi',
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 2, label: 'Previous', custom_id: 'p', disabled: true },
            { type: 2, style: 2, label: 'Next', custom_id: 'n' },
          ],
        },
      ],
    });
    expect(text).toContain('(Previous)  [2] Next');
  });

  it('colours only a terminal, never with NO_COLOR, and FORCE_COLOR anywhere', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(wantsColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    const reply = { embeds: [{ title: 'T', fields: [{ name: 'F', value: '**v**' }] }] };
    expect(renderReply(reply, style({ color: true }))).toContain('\u001b[1m');
    expect(renderReply(reply, style())).not.toContain('\u001b');
  });

  it('numbers each option of a select menu like a button, and says what it picks', () => {
    const reply = {
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: 'import:role:t',
              options: [
                { label: 'Backend', value: 'backend' },
                { label: 'Frontend', value: 'frontend' },
              ],
            },
          ],
        },
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Success,
              label: 'Import',
              custom_id: 'import:confirm:t',
            },
          ],
        },
      ],
    } satisfies Reply;
    expect(buttonsOf(reply)).toEqual([
      { label: 'Backend', customId: 'import:role:t', disabled: false, values: ['backend'] },
      { label: 'Frontend', customId: 'import:role:t', disabled: false, values: ['frontend'] },
      { label: 'Import', customId: 'import:confirm:t', disabled: false },
    ]);
    expect(renderReply(reply, style())).toBe('[1] Backend  [2] Frontend  [3] Import');
  });

  it('counts Hangul as two columns', () => {
    expect(columns('자격')).toBe(4);
    expect(columns('required')).toBe(8);
  });
});
