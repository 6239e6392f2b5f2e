import { describe, expect, it } from 'vitest';
import { canonicalUrl } from '../src/services/postings/url';

describe('canonicalUrl', () => {
  it('drops tracking parameters, the fragment and the trailing slash', () => {
    expect(canonicalUrl('https://example.com/jobs/1/?utm_source=google&utm_medium=organic#apply')).toBe(
      'https://example.com/jobs/1',
    );
    expect(canonicalUrl('https://example.com/jobs?id=3&gclid=abc&fbclid=x&ref=home')).toBe(
      'https://example.com/jobs?id=3',
    );
  });

  it('treats http and https, www and case of the host as the same page', () => {
    const a = canonicalUrl('http://WWW.Example.COM/Jobs/7');
    const b = canonicalUrl('https://example.com/Jobs/7/');
    expect(a).toBe(b);
    expect(a).toBe('https://example.com/Jobs/7');
  });

  it('keeps the path case and the parameters that name the page, in a stable order', () => {
    expect(canonicalUrl('https://example.com/view?b=2&a=1')).toBe('https://example.com/view?a=1&b=2');
    expect(canonicalUrl('https://example.com/view?a=1&b=2')).toBe(
      canonicalUrl('https://example.com/view?b=2&a=1'),
    );
  });

  it('removes Programmers by_theme and the search context of job boards named by their path', () => {
    expect(canonicalUrl('https://career.programmers.co.kr/job_positions/4174?by_theme=true')).toBe(
      'https://career.programmers.co.kr/job_positions/4174',
    );
    expect(
      canonicalUrl(
        'https://www.wanted.co.kr/wd/120233?utm_campaign=google_jobs_apply&utm_source=google_jobs_apply',
      ),
    ).toBe('https://wanted.co.kr/wd/120233');
    expect(
      canonicalUrl(
        'https://www.jobkorea.co.kr/Recruit/GI_Read/43749494?Oem_Code=C1&logpath=1&stext=%EB%A1%9C%EB%B4%87&listno=1',
      ),
    ).toBe('https://jobkorea.co.kr/Recruit/GI_Read/43749494');
    expect(canonicalUrl('https://www.jobkorea.co.kr/Recruit/GI_Read/38985570?rPageCode=SL')).toBe(
      'https://jobkorea.co.kr/Recruit/GI_Read/38985570',
    );
    expect(canonicalUrl('https://www.jumpit.co.kr/position/10207?src=x&page=2')).toBe(
      'https://jumpit.co.kr/position/10207',
    );
  });

  it('keeps only rec_idx on a Saramin posting', () => {
    expect(
      canonicalUrl(
        'https://www.saramin.co.kr/zf_user/jobs/relay/view?view_type=search&rec_idx=4512&location=ts',
      ),
    ).toBe('https://saramin.co.kr/zf_user/jobs/relay/view?rec_idx=4512');
  });

  it('keeps the query of other sites, minus tracking', () => {
    expect(canonicalUrl('https://recruit.navercorp.com/rcrt/view.do?annoId=3000115&utm_source=x')).toBe(
      'https://recruit.navercorp.com/rcrt/view.do?annoId=3000115',
    );
  });

  it('compares percent escapes case-insensitively and keeps Korean paths', () => {
    expect(canonicalUrl('https://www.rocketpunch.com/jobs/43808/%ed%94%84%eb%a1%a0')).toBe(
      canonicalUrl('https://www.rocketpunch.com/jobs/43808/%ED%94%84%EB%A1%A0'),
    );
    expect(canonicalUrl('https://example.com/채용/1')).toBe('https://example.com/%EC%B1%84%EC%9A%A9/1');
  });

  it('drops default ports', () => {
    expect(canonicalUrl('https://example.com:443/a')).toBe('https://example.com/a');
    expect(canonicalUrl('http://example.com:80/a')).toBe('https://example.com/a');
  });

  it('throws on text that is not a URL', () => {
    expect(() => canonicalUrl('not a url')).toThrow(TypeError);
  });
});
