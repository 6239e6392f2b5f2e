import { readFileSync } from 'node:fs';
import { createNormalizer } from './src/services/normalize';
import { loadTaxonomy } from './src/services/taxonomy/load';
const n = createNormalizer(loadTaxonomy());
for (const name of readFileSync('/tmp/names.txt', 'utf8').split('\n').filter(Boolean)) {
  const ids = n.normalizeItem(`${name} 사용 경험`, 'required').skills.filter((s) => !s.implied).map((s) => s.id);
  if (ids.length === 0) console.log('MISSING', name);
}
