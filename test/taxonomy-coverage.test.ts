import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../src/services/normalize';
import { loadTaxonomy } from '../src/services/taxonomy/load';

// Names postings of every role use, in the spellings they use, and the ordinary text those spellings
// must not be read into. Invented sentences in the genre, against data/skills.json.
const normalizer = createNormalizer(loadTaxonomy());
const explicit = (text: string) =>
  normalizer
    .normalizeItem(text, 'required')
    .skills.filter((s) => !s.implied)
    .map((s) => s.id);

describe('names postings use, in the spellings they use', () => {
  it.each([
    // backend
    ['러스트 기반 서버 개발 경험', 'rust'],
    ['Spring Boot, Exposed 기반 API 개발', 'kotlin-exposed'],
    ['Testcontainers를 활용한 통합 테스트', 'testcontainers'],
    ['Quartz 스케줄러 운영 경험', 'job-scheduling'],
    ['크론잡으로 정기 작업을 관리해 본 분', 'job-scheduling'],
    ['멀티 모듈 구조로 프로젝트를 설계한 경험', 'multi-module'],
    // frontend
    ['Zod, Yup 등 스키마 검증 라이브러리 경험', 'schema-validation'],
    ['React Hook Form 또는 Formik 사용 경험', 'form-libraries'],
    ['Lodash, date-fns 활용', 'js-utility-libraries'],
    ['크롬 익스텐션 개발 경험', 'browser-extension'],
    ['Service Worker를 이용한 오프라인 지원', 'web-workers'],
    ['IndexedDB에 데이터를 저장해 본 분', 'web-storage'],
    ['Shadow DOM, 웹 컴포넌트 이해', 'web-components'],
    ['Virtual DOM 동작 이해', 'dom'],
    ['Preact 사용 경험', 'preact'],
    ['Gatsby로 정적 사이트 개발', 'gatsby'],
    ['AG Grid 커스터마이징 경험', 'data-grid'],
    ['GTM으로 이벤트 태깅 경험', 'google-analytics'],
    ['Optimizely로 실험 운영', 'ab-testing'],
    ['Strapi 등 헤드리스 CMS 경험', 'cms'],
    ['워드프레스 테마 개발', 'cms'],
    ['카페24 쇼핑몰 연동', 'ecommerce-platforms'],
    ['Mapbox, Leaflet 지도 개발', 'gis'],
    ['Konva 캔버스 편집기 개발', 'html-canvas'],
    ['CodePush로 배포', 'react-native'],
    ['RSC 동작 이해', 'react'],
    ['Flyway 마이그레이션 관리', 'database-migration'],
    ['포트 앤 어댑터 구조 설계', 'clean-architecture'],
    ['CORS 이슈를 해결해 본 분', 'web-fundamentals'],
    // mobile
    ['Jetpack Compose 기반 UI 개발 경험', 'jetpack-compose'],
    ['Riverpod 또는 BLoC 상태관리', 'flutter-state-management'],
    ['다트 언어에 대한 이해', 'dart'],
    ['딥링크 구현 경험', 'deep-linking'],
    ['Tuist로 프로젝트를 모듈화', 'xcode'],
    ['Wear OS 앱 개발', 'wearables'],
    // data and AI
    ['트리노 쿼리 작성', 'presto'],
    ['Spark, EMR 환경 운영', 'aws-emr'],
    ['Kinesis 스트리밍 수집', 'aws-kinesis'],
    ['코호트 분석 경험', 'data-analysis'],
    ['이상 탐지 모델 개발 경험', 'anomaly-detection'],
    ['멀티모달 모델 연구', 'multimodal'],
    ['Transformer 아키텍처에 대한 이해', 'deep-learning'],
    ['ViT 기반 모델 학습', 'computer-vision'],
    ['Claude, Gemini API 활용 경험', 'llm'],
    // DevOps and infrastructure
    ['온프레미스와 클라우드 혼합 환경', 'on-premises'],
    ['IDC 서버 운영 경험', 'on-premises'],
    ['Ceph 스토리지 운영', 'storage-systems'],
    ['FinOps, 클라우드 비용 최적화 경험', 'cloud-cost-optimization'],
    ['백업 및 복구 정책 수립', 'backup-recovery'],
    ['Vagrant, Harbor 사용', 'artifact-registry'],
    ['BGP, VLAN 등 네트워크 설정', 'networking'],
    // game
    ['UniTask, DOTween 사용 경험', 'unity-libraries'],
    ['에셋번들 관리 경험', 'unity-addressables'],
    ['Steam 출시 경험', 'game-platforms'],
    ['Behavior Tree 기반 AI 구현', 'game-ai'],
    ['FSM 설계 경험', 'state-machine'],
    // embedded
    ['ISO 26262 기능안전 이해', 'functional-safety'],
    ['MISRA C 준수 코딩', 'misra'],
    ['센서 퓨전 알고리즘 개발', 'sensors'],
    ['저전력 설계 경험', 'low-power-design'],
    ['Keil, IAR 개발 환경', 'embedded-toolchains'],
    ['Ethernet 통신 이해', 'networking'],
    // QA and security
    ['Charles, Wireshark로 패킷 분석', 'network-debugging-tools'],
    ['Burp Suite, Nmap 등 점검 도구 사용', 'security-tools'],
    ['시스템 해킹 경험', 'penetration-testing'],
    ['SAST, DAST 도구 운영', 'vulnerability-analysis'],
    ['망분리 환경 경험', 'network-security'],
    ['컴활 1급 소지자', 'certifications'],
    // backend, more spellings
    ['Server-Sent Events 구현 경험', 'server-push'],
    ['SSE, WebSocket 기반 실시간 기능', 'server-push'],
    ['웹훅 연동 경험', 'webhooks'],
    ['카카오 로그인 연동', 'oauth'],
    ['토스페이먼츠 결제 연동', 'payments'],
    ['ShedLock으로 중복 실행 방지', 'job-scheduling'],
    ['힙 덤프 분석 경험', 'memory-management'],
    ['VisualVM, Arthas 사용', 'jvm'],
    ['IntelliJ, VS Code 사용', 'ide'],
    // transliterations
    ['스위프트UI 개발', 'swiftui'],
    ['제스트 테스트 작성', 'jest'],
    ['아르고CD 배포', 'argocd'],
    ['주스탠드, 리코일 사용', 'zustand'],
    ['스타일드 컴포넌트 사용', 'styled-components'],
    ['엑스코드 빌드 설정', 'xcode'],
    // cloud-native tooling
    ['Rancher로 클러스터 관리', 'kubernetes'],
    ['Calico CNI 구성', 'kubernetes'],
    ['Kaniko 이미지 빌드', 'containerization'],
    ['Splunk 로그 분석', 'logging'],
    ['eBPF 기반 관측', 'linux-kernel'],
    ['systemd, iptables 설정', 'linux'],
    ['AWS CDK, Terraform 사용', 'cloudformation'],
    ['AWS SAM으로 배포', 'cloudformation'],
    ['Parameter Store로 설정 관리', 'aws-management-tools'],
    ['GuardDuty, Security Hub 운영', 'cloud-security'],
    ['런북 작성 경험', 'sre'],
    // data and AI tooling
    ['StarRocks 운영 경험', 'druid-pinot'],
    ['DataHub 기반 데이터 카탈로그', 'data-governance'],
    ['LangSmith, CrewAI 사용', 'langchain'],
    ['Ollama로 로컬 모델 서빙', 'model-serving'],
    ['DPO, SFT 학습 경험', 'fine-tuning'],
    ['FSDP, Megatron-LM 분산 학습', 'gpu'],
    ['Whisper 모델 파인튜닝', 'speech'],
    ['CLIP, PyTorch 기반 연구', 'multimodal'],
    ['YOLOv8 학습 경험', 'object-detection'],
    ['Detectron2, timm 사용', 'cv-libraries'],
    ['ComfyUI 워크플로 구성', 'generative-ai'],
    // languages and C++
    ['OCaml 또는 F# 경험', 'ocaml'],
    ['OCaml 또는 F# 경험', 'fsharp'],
    ['Zig 사용 경험', 'zig'],
    ['Fortran 수치 계산 코드', 'fortran'],
    ['델파이 유지보수', 'delphi'],
    ['C++, Boost 사용 경험', 'cpp-libraries'],
    ['STL 컨테이너 이해', 'cpp-libraries'],
    ['gtest 기반 단위 테스트', 'cpp-test-frameworks'],
    // domains
    ['국방 도메인 경험', 'aerospace-defense'],
    ['항공우주 분야 경험', 'aerospace-defense'],
    ['건설 도메인 이해', 'construction'],
    ['스마트팜 솔루션 개발', 'agtech'],
    ['배달 플랫폼 개발 경험', 'foodtech'],
    ['조선해양 분야 경험', 'maritime'],
    ['중고거래 플랫폼 개발', 'ecommerce'],
    ['카드사 프로젝트 경험', 'fintech'],
    ['SCM 도메인 이해', 'logistics'],
    ['소셜 네트워크 서비스 개발', 'social-media'],
    ['스마트홈 서비스 개발', 'iot'],
    ['신약 개발 AI 연구', 'healthcare'],
    // concepts named in a word
    ['파트 리드 경험', 'leadership'],
    ['Engineering Manager 경험', 'leadership'],
    ['continuous learner', 'growth-mindset'],
    ['LCP 개선 경험', 'web-performance'],
    ['번들 크기를 줄인 경험', 'web-performance'],
    ['끝까지 책임지는 자세', 'responsibility'],
    ['고객 만족을 위해 노력하는 분', 'user-focus'],
    ['fault tolerant 시스템 설계', 'high-availability'],
    ['프로젝트 매니징 경험', 'project-management'],
    ['Understanding of business metrics', 'business-understanding'],
    ['Comfortable with ambiguity', 'adaptability'],
  ])('%s → %s', (text, id) => {
    expect(explicit(text)).toContain(id);
  });
});

describe('ordinary words that look like those names', () => {
  it.each([
    ['업무 백업이 가능한 분', 'backup-recovery'],
    ['마케팅 비용 최적화 경험', 'cloud-cost-optimization'],
    ['STEAM 교육 콘텐츠 기획', 'game-platforms'],
    ['길찾기 서비스 개발 경험', 'game-ai'],
    ['저전력 설계 경험', 'energy'],
    ['Exposed to risk', 'kotlin-exposed'],
    ['Compose a message', 'jetpack-compose'],
    ['Docker, Compose 사용 경험', 'jetpack-compose'],
    ['Angular, CDK 사용 경험', 'cloudformation'],
    ['Optimizely로 실험 운영', 'performance-optimization'],
    ['Shopify 앱 개발', 'mobile-development'],
    ['SAS 항공권 예약', 'spss-sas'],
    ['EMR 시스템 연동 경험', 'aws-emr'],
    ['Kafka 스트리밍 파이프라인', 'media-streaming'],
    ['HTML, CSS 등 마크업에 대한 이해', 'web-components'],
    ['Electron 앱 개발 경험', 'mobile-development'],
    ['SIMD(SSE, AVX) 최적화', 'server-push'],
    ['boost productivity of the team', 'cpp-libraries'],
    ['PASCAL VOC 데이터셋', 'delphi'],
    ['STL 컨테이너 이해', 'containerization'],
    ['건설적인 피드백을 주고받는 분', 'construction'],
    ['소셜 네트워크 서비스 개발', 'networking'],
    ['SCM 도메인 이해', 'version-control'],
    ['항공우주 분야 경험', 'travel'],
    ['video clip 편집', 'multimodal'],
    ['도메인 이벤트 설계 경험', 'google-analytics'],
  ])('%s ↛ %s', (text, id) => {
    expect(explicit(text)).not.toContain(id);
  });
});
