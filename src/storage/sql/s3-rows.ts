/** JSON columns of the S3 tables: string maps (headers, metadata). */
export function recordToText(record: Readonly<Record<string, string>>): string {
  return JSON.stringify(record);
}

export function recordFromText(text: string): Record<string, string> {
  return JSON.parse(text) as Record<string, string>;
}
