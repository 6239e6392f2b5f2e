import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../src/services/normalize';
import { miniTaxonomy, skillIds } from './support/services';

const normalizer = createNormalizer(miniTaxonomy());
const explicit = skillIds(normalizer).named;
const all = (text: string) => normalizer.normalizeItem(text, 'required').skills;

describe('skill matching', () => {
  it('matches Latin names with Korean particles glued on', () => {
    expect(explicit('Python을 이용한 개발')).toEqual(['python']);
    expect(explicit('AWS에서 서버 구축')).toEqual(['aws']);
    expect(explicit('Django나 Flask 경험')).toEqual(['django', 'flask']);
    expect(explicit('웹Django 경험')).toEqual(['django']);
  });

  it('prefers the longest name at a position', () => {
    expect(explicit('JavaScript 경험')).toEqual(['javascript']);
    expect(explicit('자바스크립트 경험')).toEqual(['javascript']);
    expect(explicit('Spring Boot 기반의 백엔드 개발')).toEqual(['spring-boot']);
    expect(explicit('Django rest framework 이용한 API 개발')).toEqual(['django-rest-framework']);
    expect(explicit('C++ 개발')).toEqual(['cpp']);
  });

  it('does not match inside other words', () => {
    expect(explicit('javascripts and javas')).toEqual([]);
    expect(explicit('gitlab')).toEqual([]);
    expect(explicit('pythonic code')).toEqual([]);
  });

  it('matches names that are common words only in context', () => {
    expect(explicit('Java, Kotlin, Go 언어에 익숙')).toEqual(['java', 'go']);
    expect(explicit('Go 언어 경험')).toEqual(['go']);
    expect(explicit("Let's go together")).toEqual([]);
    expect(explicit('Go beyond')).toEqual([]);
    expect(explicit('R&D 경험')).toEqual([]);
    expect(explicit('Python, R 사용 경험')).toEqual(['python', 'r']);
    expect(explicit('C 레벨 임원과의 소통')).toEqual([]);
    expect(explicit('C-level communication with Python')).toEqual(['python']);
    expect(explicit('C 언어 경험')).toEqual(['c']);
    expect(explicit('Spring 2025 internship')).toEqual([]);
    expect(explicit('Flask, Django, Spring과 같은 Web framework')).toEqual(['flask', 'django', 'spring']);
  });

  it('splits slashes, commas and markdown', () => {
    expect(explicit('MySQL/MariaDB 등 관계형 데이터베이스')).toEqual(['mysql', 'mariadb', 'rdbms']);
    expect(explicit('클라우드(AWS, GCP, Azure 등등)')).toEqual(['aws', 'gcp', 'azure']);
    expect(explicit('**`Python`** 사용경험 필수')).toEqual(['python']);
    expect(explicit('[Django](https://djangoproject.com/python) 경험')).toEqual(['django']);
    expect(explicit('Kuber\u200bnetes 운영')).toEqual(['kubernetes']);
    expect(explicit('Ｐｙｔｈｏｎ, <b>AWS</b> 경험')).toEqual(['python', 'aws']);
  });

  it('adds implied skills, marked, once', () => {
    expect(all('DRF 경험')).toEqual([
      { id: 'django-rest-framework' },
      { id: 'django', implied: true },
      { id: 'python', implied: true },
    ]);
    expect(all('Python, Django')).toEqual([{ id: 'python' }, { id: 'django' }]);
    expect(all('Spring Boot')).toEqual([
      { id: 'spring-boot' },
      { id: 'spring', implied: true },
      { id: 'java', implied: true },
    ]);
  });

  it('lists each skill once per item', () => {
    expect(explicit('Python, python, 파이썬')).toEqual(['python']);
  });
});

describe('normalizeSection', () => {
  it('drops lines that are only a section label', () => {
    const items = normalizer.normalizeSection('자격요건\n- Python\n[우대사항]', 'required');
    expect(items.map((i) => i.text)).toEqual(['Python']);
  });
});
