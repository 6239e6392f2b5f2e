import type { Config } from '../config';
import type { Logger } from '../logger';

/** Connects to Discord and serves the commands until SIGINT/SIGTERM; resolves with the exit code. */
export async function startBot(_config: Config, _logger: Logger): Promise<number> {
  throw new Error('the Discord connection is not available yet');
}
