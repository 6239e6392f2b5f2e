import type { Scope } from '../store/repository';
import { chunkOf, guildMetaRecord, type IndexEntry, indexChunkRecord, postingRecord } from './records';
import type { Posting } from './schema';

export interface RecentWindow {
  postings: Posting[];
  /** True when the walk reached the server's first posting: the window holds every matching posting. */
  complete: boolean;
}

/**
 * The newest postings of a server (or of one role), newest first: at most `limit` of them, looking at no
 * more than the `scan` newest entries of the list index. What a request reads stays bounded however many
 * postings the server has; a caller says "of the latest N" when the window is not complete.
 */
export async function recentPostings(
  scope: Scope,
  options: { roleId?: string; limit: number; scan: number },
): Promise<RecentWindow> {
  const meta = await scope.get(guildMetaRecord);
  if (!meta) return { postings: [], complete: true };
  const wanted: IndexEntry[] = [];
  let scanned = 0;
  let complete = true;
  walk: for (let chunk = chunkOf(Math.max(1, meta.nextId - 1)); chunk >= 0; chunk--) {
    const entries = (await scope.get(indexChunkRecord, String(chunk)))?.entries ?? [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (!entry) continue;
      if (scanned >= options.scan || wanted.length >= options.limit) {
        complete = false;
        break walk;
      }
      scanned++;
      if (!options.roleId || entry.roleId === options.roleId) wanted.push(entry);
    }
  }
  const postings = await scope.getMany(
    postingRecord,
    wanted.map((e) => String(e.id)),
  );
  return { postings: postings.filter((p): p is Posting => p !== undefined), complete };
}
