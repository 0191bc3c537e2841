/**
 * S3's legacy query-string authentication (signature version 2): what `aws s3 presign` and
 * boto3's `generate_presigned_url` produce by default against a custom endpoint —
 * `?AWSAccessKeyId=…&Expires=<epoch seconds>&Signature=<base64 HMAC-SHA1>`. Pure: this builds
 * the string to sign; the caller computes and compares the HMAC.
 *
 *   StringToSign = Method \n Content-MD5 \n Content-Type \n Expires \n
 *                  CanonicalizedAmzHeaders CanonicalizedResource
 *
 * x-amz-* values (x-amz-security-token above all) may come as headers or as query parameters.
 * The resource is the path with the bucket always in it (virtual-hosted requests too), then the
 * subresources S3 signs, sorted.
 */

/** Query parameters that belong to the canonicalized resource (botocore's and S3's list). */
const SIGNED_SUBRESOURCES = new Set([
  'accelerate',
  'acl',
  'cors',
  'defaultObjectAcl',
  'location',
  'logging',
  'partNumber',
  'policy',
  'requestPayment',
  'torrent',
  'versioning',
  'versionId',
  'versions',
  'website',
  'uploads',
  'uploadId',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'delete',
  'lifecycle',
  'tagging',
  'restore',
  'storageClass',
  'notification',
  'replication',
  'analytics',
  'metrics',
  'inventory',
  'select',
  'select-type',
  'object-lock',
]);

export interface SigV2Query {
  accessKeyId: string;
  signature: string;
  /** Epoch seconds. */
  expires: number;
  securityToken?: string;
}

/** The SigV2 parameters of a query, or undefined when it carries none. */
export function readSigV2Query(query: ReadonlyMap<string, string>): SigV2Query | undefined {
  const accessKeyId = query.get('AWSAccessKeyId');
  const signature = query.get('Signature');
  const expires = query.get('Expires');
  if (accessKeyId === undefined && signature === undefined) return undefined;
  if (!accessKeyId || !signature || expires === undefined || !/^\d{1,12}$/.test(expires))
    return { accessKeyId: accessKeyId ?? '', signature: '', expires: NaN };
  // A '+' of the base64 signature sent unencoded arrives as a space.
  return {
    accessKeyId,
    signature: signature.replace(/ /g, '+'),
    expires: Number(expires),
    securityToken: query.get('x-amz-security-token'),
  };
}

export function sigV2StringToSign(input: {
  method: string;
  /** The path as received, still encoded, without the query. */
  rawPath: string;
  /** Set for virtual-hosted requests: the bucket goes in front of the path. */
  virtualHostBucket?: string;
  rawQuery: string;
  /** Lower-case header names → first value. */
  header: (name: string) => string | undefined;
  headerNames: readonly string[];
  query: ReadonlyMap<string, string>;
  expires: number;
}): string {
  const fromQuery = (name: string) => {
    for (const [k, v] of input.query) if (k.toLowerCase() === name) return v;
    return undefined;
  };
  const amz = new Map<string, string>();
  for (const name of input.headerNames) if (name.startsWith('x-amz-')) amz.set(name, (input.header(name) ?? '').trim());
  for (const [k, v] of input.query) {
    const lower = k.toLowerCase();
    if (lower.startsWith('x-amz-') && !amz.has(lower)) amz.set(lower, v.trim());
  }
  const amzLines = [...amz.keys()]
    .sort()
    .map((k) => `${k}:${amz.get(k)}\n`)
    .join('');
  const path = input.virtualHostBucket === undefined ? input.rawPath : `/${input.virtualHostBucket}${input.rawPath}`;
  const subresources: string[] = [];
  for (const segment of input.rawQuery.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const name = eq < 0 ? segment : segment.slice(0, eq);
    if (!SIGNED_SUBRESOURCES.has(name)) continue;
    subresources.push(eq < 0 ? name : `${name}=${safeDecode(segment.slice(eq + 1))}`);
  }
  subresources.sort((a, b) => {
    const ka = a.split('=')[0]!;
    const kb = b.split('=')[0]!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const resource = subresources.length > 0 ? `${path}?${subresources.join('&')}` : path;
  return (
    [
      input.method.toUpperCase(),
      (input.header('content-md5') ?? fromQuery('content-md5') ?? '').trim(),
      (input.header('content-type') ?? fromQuery('content-type') ?? '').trim(),
      String(input.expires),
      '',
    ].join('\n') +
    amzLines +
    resource
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
