import { shape } from '../../../model/shapes.js';

/** STS's output structures (the API model's names and member order). */
const text = shape.string();

/** Temporary credentials: the secret and the token are never recorded by the audit. */
export const credentialsOutput = shape.struct({
  AccessKeyId: text,
  SecretAccessKey: shape.string({ sensitive: true }),
  SessionToken: shape.string({ sensitive: true }),
  Expiration: text,
});
