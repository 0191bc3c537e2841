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
  PermissionsBoundary: permissionsBoundaryOutput,
  Tags: tagListOutput,
});
