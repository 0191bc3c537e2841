/**
 * The `aws-chunked` body encoding of S3 streaming uploads, decoded as it arrives, pure (hashing
 * and HMAC come in through `ChunkCrypto`).
 *
 * Each chunk is `hex-size[;chunk-signature=sig]\r\n` + data + `\r\n`; a zero-size chunk ends the
 * data; then either `\r\n`, or (trailer variants) trailer lines `name:value\r\n` and `\r\n`.
 *
 * Signed variants (`STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]`) chain signatures, starting from
 * the request's own signature (the seed):
 *
 *   chunk:   AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n previous-signature \n
 *            SHA256("") \n SHA256(chunk-data)
 *   trailer: AWS4-HMAC-SHA256-TRAILER \n date \n scope \n previous-signature \n
 *            SHA256("name:value\n" for each trailer)
 *
 * Decoded data is handed out before the chunk that carries it has been verified: the caller keeps
 * it in a temporary file and only keeps that once `end()` has returned.
 */

export interface ChunkHash {
  update(data: Uint8Array): void;
  digestHex(): string;
}

export interface ChunkCrypto {
  sha256(): ChunkHash;
  sha256Hex(text: string): string;
  /** HMAC-SHA256 (hex) with the request's signing key. */
  sign(stringToSign: string): string;
  constantTimeEqualHex(a: string, b: string): boolean;
}

export interface ChunkSignature {
  /** The request signature: the first chunk's previous signature. */
  seed: string;
  amzDate: string;
  scope: string;
}

export type ChunkedErrorCode = 'SignatureDoesNotMatch' | 'IncompleteBody' | 'InvalidChunkSizeError' | 'InvalidRequest';

export class ChunkedBodyError extends Error {
  constructor(
    readonly code: ChunkedErrorCode,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ChunkedBodyError';
  }
}

export interface AwsChunkedOptions {
  /** Present for the signed variants: every chunk (and a trailer) must carry a valid signature. */
  signature?: ChunkSignature;
  /** A trailer section follows the last chunk (`…-TRAILER` variants). */
  trailer: boolean;
  crypto: ChunkCrypto;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MAX_LINE = 4096;
const MIN_CHUNK = 8192;
const CRLF = Buffer.from('\r\n');
const SIZE = /^[0-9a-fA-F]{1,16}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;

type State = 'size' | 'data' | 'dataEnd' | 'finalEnd' | 'trailer' | 'done';

export class AwsChunkedDecoder {
  private state: State = 'size';
  private line = '';
  private lineBytes = 0;
  private remaining = 0;
  private chunkSize = 0;
  private chunkSignature = '';
  private chunkHash: ChunkHash | undefined;
  private previous: string;
  private lastDataChunkSmall = false;
  private crlfSeen = 0;
  private readonly trailerLines: string[] = [];
  readonly trailers = new Map<string, string>();
  decodedLength = 0;

  constructor(private readonly options: AwsChunkedOptions) {
    this.previous = options.signature?.seed ?? '';
  }

  /** Feeds raw body bytes; returns the decoded data they contained. Throws ChunkedBodyError. */
  push(input: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let i = 0;
    while (i < input.length) {
      switch (this.state) {
        case 'size':
        case 'trailer': {
          const nl = input.indexOf(0x0a, i);
          const end = nl < 0 ? input.length : nl + 1;
          this.lineBytes += end - i;
          if (this.lineBytes > MAX_LINE) throw new ChunkedBodyError('IncompleteBody', 'chunk header line too long');
          this.line += input.toString('latin1', i, end);
          i = end;
          if (nl >= 0) {
            const line = this.line;
            this.line = '';
            this.lineBytes = 0;
            if (!line.endsWith('\r\n')) throw new ChunkedBodyError('IncompleteBody', 'chunk line without CRLF');
            if (this.state === 'size') this.startChunk(line.slice(0, -2));
            else this.trailerLine(line.slice(0, -2));
          }
          break;
        }
        case 'data': {
          const n = Math.min(this.remaining, input.length - i);
          const piece = input.subarray(i, i + n);
          this.chunkHash?.update(piece);
          out.push(piece);
          this.remaining -= n;
          this.decodedLength += n;
          i += n;
          if (this.remaining === 0) {
            this.finishChunk();
            this.state = 'dataEnd';
            this.crlfSeen = 0;
          }
          break;
        }
        case 'dataEnd':
        case 'finalEnd': {
          if (input[i] !== CRLF[this.crlfSeen]) throw new ChunkedBodyError('IncompleteBody', 'chunk data not followed by CRLF');
          i++;
          if (++this.crlfSeen === 2) this.state = this.state === 'dataEnd' ? 'size' : 'done';
          break;
        }
        case 'done':
          throw new ChunkedBodyError('IncompleteBody', 'data after the last chunk');
      }
    }
    return out;
  }

  /** The body has ended: returns the trailers. Throws when the encoding was cut short. */
  end(): Map<string, string> {
    if (this.state !== 'done') throw new ChunkedBodyError('IncompleteBody', `body ended in state ${this.state}`);
    return this.trailers;
  }

  private startChunk(header: string): void {
    const parts = header.split(';');
    const sizeText = parts[0]!.trim();
    if (!SIZE.test(sizeText)) throw new ChunkedBodyError('IncompleteBody', `bad chunk size '${sizeText.slice(0, 20)}'`);
    this.chunkSize = parseInt(sizeText, 16);
    let signature: string | undefined;
    for (const ext of parts.slice(1)) {
      const eq = ext.indexOf('=');
      if (eq > 0 && ext.slice(0, eq).trim() === 'chunk-signature') signature = ext.slice(eq + 1).trim();
    }
    if (this.options.signature) {
      if (signature === undefined || !SIGNATURE.test(signature)) {
        throw new ChunkedBodyError('SignatureDoesNotMatch', 'chunk without a valid chunk-signature');
      }
      // Only the last data chunk may be smaller than 8 KiB.
      if (this.chunkSize > 0 && this.lastDataChunkSmall) {
        throw new ChunkedBodyError('InvalidChunkSizeError', 'a chunk smaller than 8192 bytes was not the last one');
      }
      this.chunkSignature = signature;
      this.chunkHash = this.options.crypto.sha256();
    }
    this.remaining = this.chunkSize;
    if (this.chunkSize === 0) {
      this.finishChunk();
      this.state = this.options.trailer ? 'trailer' : 'finalEnd';
      this.crlfSeen = 0;
    } else {
      this.lastDataChunkSmall = this.chunkSize < MIN_CHUNK;
      this.state = 'data';
    }
  }

  /** Checks the signature of the chunk just completed. */
  private finishChunk(): void {
    const sig = this.options.signature;
    if (!sig) return;
    const hash = this.chunkSize === 0 ? EMPTY_SHA256 : this.chunkHash!.digestHex();
    const stringToSign = ['AWS4-HMAC-SHA256-PAYLOAD', sig.amzDate, sig.scope, this.previous, EMPTY_SHA256, hash].join('\n');
    const expected = this.options.crypto.sign(stringToSign);
    if (!this.options.crypto.constantTimeEqualHex(expected, this.chunkSignature)) {
      throw new ChunkedBodyError('SignatureDoesNotMatch', `chunk signature mismatch after ${this.decodedLength} bytes`);
    }
    this.previous = expected;
    this.chunkHash = undefined;
  }

  private trailerLine(line: string): void {
    if (line === '') {
      if (this.options.signature && !this.trailers.has('x-amz-trailer-signature')) {
        throw new ChunkedBodyError('SignatureDoesNotMatch', 'signed trailer without x-amz-trailer-signature');
      }
      this.trailers.delete('x-amz-trailer-signature');
      this.state = 'done';
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ChunkedBodyError('IncompleteBody', 'malformed trailer line');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') {
      const sig = this.options.signature;
      if (sig) {
        const text = this.trailerLines.join('');
        const stringToSign = ['AWS4-HMAC-SHA256-TRAILER', sig.amzDate, sig.scope, this.previous, this.options.crypto.sha256Hex(text)].join(
          '\n',
        );
        const expected = this.options.crypto.sign(stringToSign);
        if (!SIGNATURE.test(value) || !this.options.crypto.constantTimeEqualHex(expected, value)) {
          throw new ChunkedBodyError('SignatureDoesNotMatch', 'trailer signature mismatch');
        }
      }
    } else {
      if (this.trailers.has('x-amz-trailer-signature')) throw new ChunkedBodyError('IncompleteBody', 'trailer after its signature');
      this.trailerLines.push(`${name}:${value}\n`);
    }
    this.trailers.set(name, value);
  }
}
