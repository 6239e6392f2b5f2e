/** Discord's epoch (2015-01-01T00:00:00Z) in milliseconds. */
const DISCORD_EPOCH = 1_420_070_400_000n;
const WORKER_ID = 1n;
const PROCESS_ID = 1n;

let last = 0n;

/**
 * A realistic, strictly increasing snowflake: timestamp since the Discord epoch in the top bits,
 * then worker, process and a per-process increment, like the ids Discord hands out.
 */
export function snowflake(at: number = Date.now()): string {
  const candidate =
    ((BigInt(at) - DISCORD_EPOCH) << 22n) | (WORKER_ID << 17n) | (PROCESS_ID << 12n) | (last & 0xfffn);
  last = candidate > last ? candidate : last + 1n;
  return last.toString();
}

/** The moment a snowflake was minted, as an ISO timestamp. */
export function snowflakeTimestamp(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}
