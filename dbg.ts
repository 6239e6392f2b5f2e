import { createNormalizer } from './src/services/normalize';
import { createPhraseFinder } from './src/services/normalize/phrases';
import { loadTaxonomy } from './src/services/taxonomy/load';
const t = loadTaxonomy(); const n = createNormalizer(t); const f = createPhraseFinder(t.phraseRules, t.phraseWords);
for (const s of process.argv.slice(2)) {
  console.log(s, '\n  ', JSON.stringify(n.normalizeItem(s, 'required').skills), '\n   rules:', f.rulesMatching(s).join(','));
}
