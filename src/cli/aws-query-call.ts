import { nodeSigV4Crypto } from '../platform/node-sigv4-crypto.js';
import { signRequest, type SigningCredentials } from '../sigv4/index.js';
import { ClientProblem } from './aws-client-config.js';

/**
 * One call to a Query-protocol service (STS, keysmith's own) as the AWS CLI makes it: a form POST,
 * SigV4-signed for the service when `signing` is given, the reply's XML returned as text. A
 * service error becomes the CLI's own line, `An error occurred (Code) when calling the Op
 * operation: message`, as a ClientProblem (the commands print it and exit 255).
 */
export async function callQuery(
  endpoint: string,
  form: URLSearchParams,
  signing?: { region: string; credentials: SigningCredentials; service: string },
): Promise<string> {
  const operation = form.get('Action')!;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ClientProblem(`Invalid endpoint: ${endpoint}`);
  }
  const body = Buffer.from(form.toString(), 'utf8');
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (signing) {
    const signed = signRequest(
      {
        method: 'POST',
        rawPath: url.pathname === '' ? '/' : url.pathname,
        rawQuery: url.search.replace(/^\?/, ''),
        headers: { host: [url.host], 'content-type': [headers['content-type']!] },
        body,
      },
      { credentials: signing.credentials, region: signing.region, service: signing.service, nowMs: Date.now(), crypto: nodeSigV4Crypto },
    );
    for (const [name, values] of Object.entries(signed.request.headers)) if (name !== 'host') headers[name] = values.join(',');
  }
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { method: 'POST', headers, body });
    status = response.status;
    text = await response.text();
  } catch {
    throw new ClientProblem(`Could not connect to the endpoint URL: "${url.toString()}"`);
  }
  if (status >= 300) {
    const code = xmlText(text, 'Code') ?? String(status);
    const message = xmlText(text, 'Message') ?? 'Unknown';
    throw new ClientProblem(`An error occurred (${code}) when calling the ${operation} operation: ${message}`);
  }
  return text;
}

/** The inner text of the first `<name>…</name>` (the replies are small and flat enough for this). */
export function xmlElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1];
}

/** The unescaped text of the first `<name>` element; '' for `<name/>`; undefined when absent. */
export function xmlText(xml: string, name: string): string | undefined {
  const inner = xmlElement(xml, name);
  if (inner === undefined) return new RegExp(`<${name}\\s*/>`).test(xml) ? '' : undefined;
  return inner.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return String.fromCodePoint(e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    }
  });
}

/** Values made only of safe characters stay bare; anything else is single-quoted for sh. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./+=:,@%-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
