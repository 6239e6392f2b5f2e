import { readFileSync } from 'node:fs';
import { tokenize } from './src/services/import/tokens';
import { newBudget } from './src/services/import/mdast';
const text = readFileSync(process.argv[2], 'utf8');
for (const t of tokenize(text, newBudget())) {
  const { t: kind, at, ...rest } = t as any;
  const desc = 'line' in rest ? `${rest.depth ?? rest.level ?? ''} ${JSON.stringify(rest.line.text)}${rest.line.links.length ? ' L' : ''}${rest.line.strongOnly ? ' B' : ''}` : JSON.stringify(rest);
  console.log(at, kind, desc.slice(0, 120));
}
