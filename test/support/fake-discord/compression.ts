import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/** Turns a JSON payload into what goes on the wire. */
export interface PayloadEncoder {
  readonly name: string;
  encode(json: string): string | Buffer;
}

export const plainJson: PayloadEncoder = { name: 'none', encode: (json) => json };

/** identify `compress: true`: each payload is its own zlib-deflated binary message. */
export const perPayloadDeflate: PayloadEncoder = { name: 'payload', encode: (json) => deflateSync(json) };

/** A zlib header for a 32 KiB window at the default level (what `deflate` itself writes). */
const ZLIB_HEADER = Buffer.from([0x78, 0x9c]);

/**
 * `?compress=zlib-stream`: one zlib stream for the whole connection, each payload ending with a sync
 * flush (`00 00 ff ff`), which is what tells the client a payload is complete. Every payload is
 * deflated on its own (no back-references into earlier ones), which is still one valid stream.
 */
export class ZlibStreamEncoder implements PayloadEncoder {
  readonly name = 'zlib-stream';
  #started = false;

  encode(json: string): Buffer {
    const blocks = deflateRawSync(json, { finishFlush: constants.Z_SYNC_FLUSH });
    if (this.#started) return blocks;
    this.#started = true;
    return Buffer.concat([ZLIB_HEADER, blocks]);
  }
}
