import { rm, type FileHandle } from 'node:fs/promises';

/**
 * A large write on its way to disk: data appended as it streams in, synced when complete, then
 * renamed into place by the owner (ObjectFiles) or removed.
 */
export class TemporaryFile {
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly file: FileHandle,
    private readonly place: (path: string) => Promise<string>,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await this.file.write(chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
  }

  /** Durable before it can become visible: the rename and the metadata row come after. */
  async finish(): Promise<void> {
    await this.file.datasync();
    await this.close();
  }

  /** Renames the file to a new blob id (once finished); resolves to the id. */
  moveIntoPlace(): Promise<string> {
    return this.place(this.path);
  }

  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    await rm(this.path, { force: true });
  }

  private async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.file.close();
    }
  }
}
