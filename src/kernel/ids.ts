/** Branded string types: an AccountId cannot be passed where an Arn is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type AccountId = Brand<string, 'AccountId'>;
export type Arn = Brand<string, 'Arn'>;

const ACCOUNT_ID = /^\d{12}$/;

export function isAccountId(value: string): value is AccountId {
  return ACCOUNT_ID.test(value);
}

export function asAccountId(value: string): AccountId {
  if (!isAccountId(value)) throw new Error(`not a 12-digit account id: ${value}`);
  return value;
}
