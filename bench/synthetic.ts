import type { PostingInput } from '../src/services/postings/schema';

/** A small deterministic PRNG, so every bench run measures the same postings. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TECH = [
  'Python',
  'Django',
  'Django REST Framework',
  'Flask',
  'FastAPI',
  'Java',
  'Spring Boot',
  'Kotlin',
  'Go 언어',
  'Node.js',
  'TypeScript',
  'React',
  'Vue.js',
  'MySQL',
  'PostgreSQL',
  'MariaDB',
  'Redis',
  'MongoDB',
  'Kafka',
  'RabbitMQ',
  'AWS',
  'GCP',
  'Azure',
  'Docker',
  'Kubernetes',
  'Terraform',
  'Jenkins',
  'GitHub Actions',
  'Git',
  'Linux',
  'Nginx',
  'Elasticsearch',
  'Airflow',
  'Spark',
  'PyTorch',
  'TensorFlow',
  'GraphQL',
  'gRPC',
  'JPA',
  'SQLAlchemy',
];
const REQUIRED = [
  '{a} 기반 백엔드 개발 경험이 {n}년 이상이신 분',
  '{a}, {b} 등을 활용한 서비스 개발 및 운영 경험',
  'RESTful API 설계 및 개발 경험이 있으신 분',
  '{a}/{b} 등 관계형 데이터베이스에 대한 이해',
  '자료구조, 알고리즘 등 CS 기본 지식을 갖추신 분',
  '{a}을(를) 이용한 프로젝트 형상 관리 및 협업 경험',
  '원활한 커뮤니케이션과 협업 능력을 갖추신 분',
  '테스트 코드 작성에 익숙하신 분',
];
const PREFERRED = [
  '{a}, {b} 환경에서 서비스 구축 경험',
  '대용량 트래픽 처리 경험이 있으신 분',
  'MSA 기반의 설계 및 개발 경험',
  '{a} 을 활용한 CI/CD 파이프라인 구축 경험',
  '비즈니스 레벨의 영어 커뮤니케이션이 가능하신 분',
  '컴퓨터 공학 관련 학과 전공자',
  '오픈소스 기여 경험',
];

export function syntheticPosting(i: number, random: () => number): PostingInput {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const fill = (template: string) =>
    template
      .replace('{a}', pick(TECH))
      .replace('{b}', pick(TECH))
      .replace('{n}', String(1 + Math.floor(random() * 7)));
  const lines = (templates: readonly string[], n: number) =>
    Array.from({ length: n }, () => `- ${fill(pick(templates))}`).join('\n');
  return {
    company: `회사 ${i % 5000}`,
    role: random() < 0.7 ? 'backend' : pick(['frontend', 'devops', 'data-engineer']),
    title: '백엔드 엔지니어',
    url: `https://career.example.com/jobs/${i}`,
    requirements: lines(REQUIRED, 10),
    preferred: lines(PREFERRED, 8),
  };
}
