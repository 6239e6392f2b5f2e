import { describe, expect, it } from 'vitest';
import { plain, renderReply } from '../src/cli/render';
import { safe, safeLines } from '../src/commands/shared/text';

describe('console rendering', () => {
  it('undoes Markdown escapes and drops emphasis', () => {
    // what a member typed comes back as they typed it, Markdown characters included
    expect(plain(safe('`Python` and **C++** _x_ @everyone'))).toBe('`Python` and **C++** _x_ @everyone');
    expect(plain('**bold** [Toss](https://toss.im) `code`')).toBe('bold Toss (https://toss.im) code');
    expect(plain(safeLines('- a*b\n- `c`'))).toBe('- a*b\n- `c`');
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
});
