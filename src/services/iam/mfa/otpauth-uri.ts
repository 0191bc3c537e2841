import QRCode from 'qrcode';

/** The issuer authenticator apps show above the code, as AWS's QR codes name it. */
export const OTPAUTH_ISSUER = 'Amazon Web Services';

/**
 * The Key URI Format (google-authenticator wiki) a virtual MFA device's QR code carries:
 * `otpauth://totp/<issuer>:<device>@<account>?secret=<base32>&issuer=<issuer>`. A device created
 * through the API is not assigned to a user yet, so the label names the device and the account
 * (docs/iam/reports.md says why this label was chosen). Label and issuer are percent-encoded.
 */
export function otpauthUri(deviceName: string, accountId: string, base32Seed: string): string {
  const issuer = encodeURIComponent(OTPAUTH_ISSUER);
  const label = `${issuer}:${encodeURIComponent(`${deviceName}@${accountId}`)}`;
  return `otpauth://totp/${label}?secret=${base32Seed}&issuer=${issuer}`;
}

/** The QR code of the URI as a PNG image (a blob member: base64 on the wire). */
export async function qrCodePng(uri: string): Promise<Buffer> {
  return QRCode.toBuffer(uri, { type: 'png', errorCorrectionLevel: 'M' });
}
