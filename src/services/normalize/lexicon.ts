/**
 * One trie over every string the normalizer looks for in an item: the skills' aliases, the taxonomy's stop
 * phrases and the phrase rules' term texts. An item is walked once, from each position down the trie, and
 * each kind of entry collects its hits; the matcher and the phrase finder then read what they need from
 * that one walk instead of scanning the text each on its own.
 */

interface LexiconNode<A> {
  next: Map<number, LexiconNode<A>>;
  aliases?: A[];
  stop?: true;
  /** The number of the phrase-rule term text ending here. */
  term?: number;
}

/** What one walk over an item found. Valid until the lexicon scans the next item (its lists are reused). */
export interface LexiconScan<A> {
  /** The lower-case text that was walked. */
  readonly text: string;
  /** Alias hits in order of start, then end: `aliasAt[i]` ran from `aliasStart[i]` to `aliasEnd[i]`. */
  readonly aliasAt: readonly A[];
  readonly aliasStart: readonly number[];
  readonly aliasEnd: readonly number[];
  /** Stop phrases found, as [start, end) pairs. */
  readonly stops: readonly (readonly [number, number])[];
  /** Where each term text starts (by term number); only the numbers in `termsFound` hold anything. */
  readonly termStarts: readonly (readonly number[])[];
  readonly termsFound: readonly number[];
}

export interface Lexicon<A> {
  addAlias(key: string, entry: A): void;
  addStop(key: string): void;
  /** The term text's number (the same for the same text). */
  addTerm(text: string): number;
  /** The number of a term text added before, if it was. */
  termNumber(text: string): number | undefined;
  readonly termCount: number;
  /** Walks the (cleaned, lower-case) text once. */
  scan(text: string): LexiconScan<A>;
}

/**
 * The trie in flat arrays, built once the entries are in: node 0 is the root, whose children are found by
 * character code in one array lookup; every other node lists its children's codes in `edgeCode` (sorted, from
 * `firstEdge[n]`, `edgeCount[n]` of them). Most nodes have one or two children, so a short scan finds the
 * next node faster than a hash map would.
 */
interface FlatTrie<A> {
  rootChild: Int32Array;
  firstEdge: Int32Array;
  edgeCount: Int32Array;
  edgeCode: Uint16Array;
  edgeNode: Int32Array;
  aliases: (A[] | undefined)[];
  stop: Uint8Array;
  term: Int32Array;
}

function flatten<A>(root: LexiconNode<A>): FlatTrie<A> {
  const nodes: LexiconNode<A>[] = [root];
  for (let n = 0; n < nodes.length; n++)
    for (const child of (nodes[n] as LexiconNode<A>).next.values()) nodes.push(child);
  const number = new Map(nodes.map((node, n) => [node, n]));
  const firstEdge = new Int32Array(nodes.length);
  const edgeCount = new Int32Array(nodes.length);
  const edgeCode = new Uint16Array(nodes.length);
  const edgeNode = new Int32Array(nodes.length);
  const rootChild = new Int32Array(0x10000).fill(-1);
  const stop = new Uint8Array(nodes.length);
  const term = new Int32Array(nodes.length).fill(-1);
  const aliases: (A[] | undefined)[] = [];
  let edges = 0;
  nodes.forEach((node, n) => {
    aliases.push(node.aliases);
    if (node.stop) stop[n] = 1;
    if (node.term !== undefined) term[n] = node.term;
    const children = [...node.next.entries()].sort((a, b) => a[0] - b[0]);
    firstEdge[n] = edges;
    edgeCount[n] = children.length;
    for (const [code, child] of children) {
      const target = number.get(child) ?? -1;
      if (n === 0) rootChild[code] = target;
      edgeCode[edges] = code;
      edgeNode[edges] = target;
      edges++;
    }
  });
  return { rootChild, firstEdge, edgeCount, edgeCode, edgeNode, aliases, stop, term };
}

export function createLexicon<A>(): Lexicon<A> {
  const root: LexiconNode<A> = { next: new Map() };
  const terms = new Map<string, number>();
  /** Built at the first walk, dropped when an entry is added after it. */
  let flat: FlatTrie<A> | undefined;
  const nodeFor = (key: string) => {
    flat = undefined;
    let node = root;
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) {
        child = { next: new Map() };
        node.next.set(code, child);
      }
      node = child;
    }
    return node;
  };

  // Reused from item to item: nothing is allocated per item once the lists have grown.
  const aliasAt: A[] = [];
  const aliasStart: number[] = [];
  const aliasEnd: number[] = [];
  const stops: [number, number][] = [];
  const termStarts: number[][] = [];
  const termsFound: number[] = [];
  const result = { text: '', aliasAt, aliasStart, aliasEnd, stops, termStarts, termsFound };

  return {
    addAlias(key, entry) {
      if (key === '') return;
      const node = nodeFor(key);
      if (node.aliases) node.aliases.push(entry);
      else node.aliases = [entry];
    },
    addStop(key) {
      if (key !== '') nodeFor(key).stop = true;
    },
    addTerm(text) {
      const known = terms.get(text);
      if (known !== undefined) return known;
      const id = terms.size;
      terms.set(text, id);
      termStarts.push([]);
      nodeFor(text).term = id;
      return id;
    },
    termNumber: (text) => terms.get(text),
    get termCount() {
      return terms.size;
    },
    scan(text) {
      aliasAt.length = 0;
      aliasStart.length = 0;
      aliasEnd.length = 0;
      stops.length = 0;
      for (const id of termsFound) (termStarts[id] as number[]).length = 0;
      termsFound.length = 0;
      result.text = text;
      flat ??= flatten(root);
      const { rootChild, firstEdge, edgeCount, edgeCode, edgeNode, aliases, stop, term } = flat;
      for (let i = 0; i < text.length; i++) {
        let node = rootChild[text.charCodeAt(i)] ?? -1;
        for (let j = i + 1; node >= 0; j++) {
          const entries = aliases[node];
          if (entries) {
            for (const entry of entries) {
              aliasAt.push(entry);
              aliasStart.push(i);
              aliasEnd.push(j);
            }
          }
          if (stop[node] === 1) stops.push([i, j]);
          const id = term[node] ?? -1;
          if (id >= 0) {
            const list = termStarts[id] as number[];
            if (list.length === 0) termsFound.push(id);
            list.push(i);
          }
          if (j >= text.length) break;
          const code = text.charCodeAt(j);
          const from = firstEdge[node] ?? 0;
          const to = from + (edgeCount[node] ?? 0);
          node = -1;
          for (let e = from; e < to; e++) {
            const c = edgeCode[e] ?? 0;
            if (c >= code) {
              if (c === code) node = edgeNode[e] ?? -1;
              break;
            }
          }
        }
      }
      return result;
    },
  };
}
