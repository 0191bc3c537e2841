import { shape } from '../../../model/shapes.js';

/**
 * IAM's output structures (the API model's names and member order) that several operations
 * return. Each operation's own output shape is declared with its definition.
 */
const text = shape.string();

export const tagOutput = shape.struct({ Key: text, Value: text });
export const tagListOutput = shape.list(tagOutput);

export const permissionsBoundaryOutput = shape.struct({ PermissionsBoundaryType: text, PermissionsBoundaryArn: text });

/** IAM's `User` (userView). */
export const userOutput = shape.struct({
  Path: text,
  UserName: text,
  UserId: text,
  Arn: text,
  CreateDate: text,
  PasswordLastUsed: text,
  PermissionsBoundary: permissionsBoundaryOutput,
  Tags: tagListOutput,
});

/** IAM's `Group` (groupView). */
export const groupOutput = shape.struct({
  Path: text,
  GroupName: text,
  GroupId: text,
  Arn: text,
  CreateDate: text,
});

/** IAM's `AccessKey` (CreateAccessKey only): the one reply that carries the secret. */
export const accessKeyOutput = shape.struct({
  UserName: text,
  AccessKeyId: text,
  Status: text,
  SecretAccessKey: shape.string({ sensitive: true }),
  CreateDate: text,
});

/** IAM's `AccessKeyMetadata` (accessKeyMetadataView): a key without its secret. */
export const accessKeyMetadataOutput = shape.struct({
  UserName: text,
  AccessKeyId: text,
  Status: text,
  CreateDate: text,
});

/** IAM's `AccessKeyLastUsed`. */
export const accessKeyLastUsedOutput = shape.struct({
  LastUsedDate: text,
  ServiceName: text,
  Region: text,
});

/** IAM's `MFADevice` (mfaDeviceView). */
export const mfaDeviceOutput = shape.struct({
  UserName: text,
  SerialNumber: text,
  EnableDate: text,
});

/**
 * IAM's `VirtualMFADevice`: CreateVirtualMFADevice's reply (with the seed) and
 * ListVirtualMFADevices' items (virtualMfaDeviceView, never the seed).
 */
export const virtualMfaDeviceOutput = shape.struct({
  SerialNumber: text,
  Base32StringSeed: shape.string({ sensitive: true }),
  QRCodePNG: shape.string({ sensitive: true }),
  User: userOutput,
  EnableDate: text,
  Tags: tagListOutput,
});

/** A paginated list's trailer (pageResult, paginateArray): IsTruncated always, Marker when more follow. */
export const pageOutput = { IsTruncated: shape.boolean(), Marker: text };
