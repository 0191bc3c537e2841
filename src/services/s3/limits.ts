/** Objects and parts: at most 5 GiB each (a single PUT, and a part); parts other than the last at least 5 MiB. */
export const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
export const MIN_PART_BYTES = 5 * 1024 ** 2;
