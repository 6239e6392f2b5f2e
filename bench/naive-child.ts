// Runs the naive summaries in a process of their own, so the memory they take is not counted as the bot's.
// argv: <sqlite path> <guild> <role> <sql|iterator> <samples>; prints {"times":[…],"peakRss":n,"postings":n}.
import { performance } from 'node:perf_hooks';
import { createServices } from '../src/services';
import { createStore } from '../src/services/store/repository';
import { naiveIteratorSummary, naiveSqlSummary } from './naive';
import { rssSampler } from './stats';

const [path = '', guild = '', role = '', method = 'sql', samples = '3'] = process.argv.slice(2);
const services = createServices({ store: createStore() });
const summaryOf = method === 'iterator' ? naiveIteratorSummary : naiveSqlSummary;
const times: number[] = [];
const rss = rssSampler();
let postings = 0;
for (let i = 0; i < Number(samples); i++) {
  const t0 = performance.now();
  const summary = await summaryOf(path, services, guild, role);
  times.push(performance.now() - t0);
  postings = summary.postings;
}
rss.stop();
process.stdout.write(JSON.stringify({ times, peakRss: rss.overall, postings }));
