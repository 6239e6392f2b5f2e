import { crashTest } from './support/crash';

await crashTest('sqlite');
