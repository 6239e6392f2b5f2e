import { describe, expect, it } from 'vitest';
import { splitItems } from '../src/services/normalize/split';

describe('splitItems', () => {
  it('splits every bullet style the genre uses', () => {
    const text = [
      '- dash',
      '* star',
      '• dot',
      'ㆍ hangul dot',
      '· middle dot',
      '1. numbered',
      '2) paren',
      '① circled',
    ].join('\n');
    expect(splitItems(text)).toEqual([
      'dash',
      'star',
      'dot',
      'hangul dot',
      'middle dot',
      'numbered',
      'paren',
      'circled',
    ]);
  });

  it('keeps nested items as items of their own', () => {
    const text = '- 하나 이상의 언어로 개발한 경험\n    - Java, JavaScript, Python\n\t- Kotlin';
    expect(splitItems(text)).toEqual([
      '하나 이상의 언어로 개발한 경험',
      'Java, JavaScript, Python',
      'Kotlin',
    ]);
  });

  it('rejoins wrapped lines of a bulleted list', () => {
    expect(splitItems('- REST API 설계 및\n  개발 경험\n- Git 사용 경험')).toEqual([
      'REST API 설계 및 개발 경험',
      'Git 사용 경험',
    ]);
  });

  it('treats each line as an item when nothing is bulleted', () => {
    expect(splitItems('Python 개발 경험\n\nAWS 사용 경험\n')).toEqual(['Python 개발 경험', 'AWS 사용 경험']);
  });

  it('handles <br>, zero-width spaces, CRLF, code fences and empty bullets', () => {
    const text = '```\n- Python<br>- Django<br/>- \u200b\r\n-\n- \u200bAWS\n```';
    expect(splitItems(text)).toEqual(['Python', 'Django', 'AWS']);
  });

  it('does not take years or versions for numbering', () => {
    expect(splitItems('3년 이상 경력\n2.5년 이상\nPython 3.10 이상')).toEqual([
      '3년 이상 경력',
      '2.5년 이상',
      'Python 3.10 이상',
    ]);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitItems('')).toEqual([]);
    expect(splitItems(' \n\t\n - \n')).toEqual([]);
  });
});
