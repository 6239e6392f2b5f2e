import { crashTest } from './support/crash';

await crashTest('redis');
