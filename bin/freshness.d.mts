export const DIST_DIR: string;
export const ENTRY: string;
export const BUILD_INFO: string;
export function buildIsFresh(root: string): boolean;
