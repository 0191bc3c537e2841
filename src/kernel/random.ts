/** Randomness as a port, so ids and secrets are reproducible in tests. */
export interface Random {
  bytes(length: number): Uint8Array;
}
