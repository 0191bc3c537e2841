/**
 * UpdateSAMLProvider's and CreateSAMLProvider's InvalidInput texts for the encryption settings.
 * AWS's wording is not on record here; these are keysmith's, in AWS's style (docs/iam/providers.md).
 */
export const REQUIRED_WITHOUT_KEY = 'Unable to set assertion encryption mode to Required because no private key is provided.';
export const NOTHING_TO_UPDATE = 'Unable to update identity provider. No updates are defined for metadata or encryption assertion.';
export const ADD_AND_REMOVE = 'Unable to add and remove private keys in the same request. Set a value for only one of the two parameters.';
export const NO_SUCH_KEY = 'Failed to remove private key because the Key ID does not match a private key.';
export const TOO_MANY_KEYS = 'Private key limit of 2 is reached.';
