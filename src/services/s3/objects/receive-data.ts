import type { ReceivedBlob } from '../files/object-files.js';
import { type ChecksumAlgorithm, checksumAlgorithmOf, checksumHeader } from '../files/checksums.js';
import type { S3Context } from '../s3-context.js';
import { S3Error } from '../s3-errors.js';
import { checkChecksumShape, checksumFromHeaders, checksumMismatch, contentMd5 } from '../request-body.js';

export interface ReceivedData {
  blob: ReceivedBlob;
  /** The verified checksum, when the client asked for one. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

/** The checksum algorithm a trailer upload announces in x-amz-trailer. */
function trailerAlgorithm(ctx: S3Context): ChecksumAlgorithm | undefined {
  const trailer = ctx.input.header('x-amz-trailer');
  if (trailer === undefined) return undefined;
  const name = trailer.trim().toLowerCase();
  const algorithm = name.startsWith('x-amz-checksum-') ? checksumAlgorithmOf(name.slice('x-amz-checksum-'.length)) : undefined;
  if (!algorithm) throw new S3Error('InvalidRequest', `The value specified in the x-amz-trailer header is not supported`);
  return algorithm;
}

/**
 * Receives an upload's data into a temporary file and checks everything the client declared
 * about it before anything becomes visible: the length, the signed payload hash
 * (XAmzContentSHA256Mismatch), Content-MD5 (BadDigest) and an x-amz-checksum-* value from a
 * header or an aws-chunked trailer (BadDigest).
 */
export async function receiveData(ctx: S3Context, options: { maxBytes: number; algorithm?: ChecksumAlgorithm }): Promise<ReceivedData> {
  const data = ctx.input.data;
  if (data.declaredLength === undefined) throw new S3Error('MissingContentLength');
  if (data.declaredLength > options.maxBytes) {
    throw new S3Error('EntityTooLarge', undefined, { ProposedSize: String(data.declaredLength), MaxSizeAllowed: String(options.maxBytes) });
  }
  const md5 = contentMd5(ctx);
  const fromHeader = checksumFromHeaders(ctx);
  if (fromHeader) checkChecksumShape(fromHeader.algorithm, fromHeader.value);
  const fromTrailer = trailerAlgorithm(ctx);
  const sdkAlgorithm = checksumAlgorithmOf(ctx.input.header('x-amz-sdk-checksum-algorithm') ?? '');
  const algorithm = fromHeader?.algorithm ?? fromTrailer ?? sdkAlgorithm ?? options.algorithm;
  const blob = await ctx.files.receive(data, { sha256: data.payloadSha256 !== undefined, checksum: algorithm, maxBytes: options.maxBytes });
  try {
    if (blob.size !== data.declaredLength)
      throw new S3Error('IncompleteBody', undefined, {}, `${blob.size} of ${data.declaredLength} bytes`);
    if (data.payloadSha256 !== undefined && blob.sha256Hex !== data.payloadSha256.toLowerCase()) {
      throw new S3Error('XAmzContentSHA256Mismatch', undefined, {
        ClientComputedContentSHA256: data.payloadSha256,
        S3ComputedContentSHA256: blob.sha256Hex!,
      });
    }
    if (md5 && !blob.md5.equals(md5))
      throw new S3Error('BadDigest', undefined, { ExpectedDigest: md5.toString('base64'), CalculatedDigest: blob.md5.toString('base64') });
    let expected = fromHeader?.value;
    if (fromTrailer) {
      expected = data.trailers().get(checksumHeader(fromTrailer));
      if (expected === undefined)
        throw new S3Error('InvalidRequest', `The ${checksumHeader(fromTrailer)} trailer was announced but not sent`);
      checkChecksumShape(fromTrailer, expected, 'trailer');
    }
    if (expected !== undefined && blob.checksum !== expected) throw checksumMismatch(algorithm!);
    return { blob, checksum: algorithm ? { algorithm, value: blob.checksum! } : undefined };
  } catch (error) {
    await blob.discard();
    throw error;
  }
}
