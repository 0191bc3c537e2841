import { createHash } from 'node:crypto';
import { nodeSigV4Crypto } from '../../platform/node-sigv4-crypto.js';
import { AwsChunkedDecoder, ChunkedBodyError, type ChunkCrypto } from '../../protocol/rest-xml/aws-chunked.js';
import type { ObjectData } from '../../services/s3/s3-context.js';
import { S3Error } from '../../services/s3/s3-errors.js';
import { CHUNKED_ERRORS } from '../../services/s3/error-mapping.js';
import { SMALL_BLOB_BYTES } from '../../services/s3/files/small-blob-io.js';
import type { Caller } from '../authenticate-request.js';
import { firstHeader, type ApiRequest } from '../edge/api-request.js';
import { SHA256_HEX } from './s3-authentication.js';

const NO_SIGNATURE = 'Signed streaming uploads need a SigV4 Authorization header';

export function emptyData(): ObjectData {
  return {
    async *[Symbol.asyncIterator]() {},
    trailers: () => new Map(),
  };
}

/**
 * The object data of PutObject / UploadPart, streamed from the request. aws-chunked bodies are
 * decoded on the way, each chunk signature (and a signed trailer) checked against the chain that
 * starts at the request signature, with the caller's chunk signer (never its secret). Stopping
 * early never breaks the connection: an error response can still go out on it.
 */
export function objectData(request: ApiRequest, caller: Caller): ObjectData {
  const mode = firstHeader(request, 'x-amz-content-sha256');
  const streaming = mode !== undefined && mode.startsWith('STREAMING-');
  let decoder: AwsChunkedDecoder | undefined;
  let declaredLength: number | undefined;
  if (streaming) {
    const decoded = firstHeader(request, 'x-amz-decoded-content-length');
    declaredLength = decoded !== undefined && /^\d+$/.test(decoded) ? Number(decoded) : undefined;
    const signed = mode !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
    const signature = caller.signature;
    if (signed && signature === undefined) throw new S3Error('InvalidRequest', NO_SIGNATURE);
    decoder = new AwsChunkedDecoder({
      trailer: mode.endsWith('-TRAILER'),
      signature: signed && signature ? { seed: signature.signature, amzDate: signature.amzDate, scope: signature.scope } : undefined,
      crypto: chunkCrypto(caller),
    });
  } else {
    const length = firstHeader(request, 'content-length');
    declaredLength = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
  }
  let trailers: ReadonlyMap<string, string> = new Map();
  return {
    declaredLength,
    payloadSha256: mode !== undefined && SHA256_HEX.test(mode) ? mode : undefined,
    trailers: () => trailers,
    async *[Symbol.asyncIterator]() {
      try {
        // A small plain body in one read: iterating the request stream costs an async iterator
        // and a promise per chunk for what is one chunk (SMALL_BLOB_BYTES: held in memory anyway).
        if (!decoder && declaredLength !== undefined && declaredLength <= SMALL_BLOB_BYTES) {
          const body = await request.body.read(SMALL_BLOB_BYTES);
          if (body.length > 0) yield body;
          return;
        }
        for await (const chunk of request.body.chunks()) {
          if (decoder) yield* decoder.push(chunk);
          else yield chunk;
        }
        if (decoder) trailers = decoder.end();
      } catch (error) {
        if (error instanceof ChunkedBodyError) throw new S3Error(CHUNKED_ERRORS[error.code], undefined, {}, error.detail);
        if (error instanceof S3Error) throw error;
        // The socket went away mid-upload (the only other way reading the request fails): the
        // client's doing, answered (to nobody) and audited as S3 does, IncompleteBody.
        throw new S3Error(
          'IncompleteBody',
          undefined,
          {},
          `client closed the connection mid-body: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  };
}

/**
 * Hashing for chunk signatures, signing with the caller's chunk signer. An unsigned streaming
 * upload (STREAMING-UNSIGNED-PAYLOAD-TRAILER) may come without a SigV4 signature (anonymous, or a
 * SigV2 presigned URL): it hashes, but has nothing to sign with.
 */
function chunkCrypto(caller: Caller): ChunkCrypto {
  const signature = caller.signature;
  const sign =
    signature !== undefined && caller.credentials !== undefined
      ? caller.credentials.chunkSigner(signature)
      : () => {
          throw new S3Error('InvalidRequest', NO_SIGNATURE);
        };
  return {
    sha256: () => {
      const h = createHash('sha256');
      return { update: (d) => void h.update(d), digestHex: () => h.digest('hex') };
    },
    sha256Hex: (text) => nodeSigV4Crypto.sha256Hex(text),
    sign,
    constantTimeEqualHex: (a, b) => nodeSigV4Crypto.constantTimeEqualHex(a, b),
  };
}
