import type { MfaDevice, Store } from '../../../storage/store.js';
import { noSuchDevice } from './no-such-device.js';

/** A virtual MFA device of the caller's account, by serial number; another account's is as missing. */
export async function requireDevice(store: Store, accountId: string, serialNumber: string): Promise<MfaDevice> {
  const device = await store.mfaDevices.get(serialNumber);
  if (!device || device.accountId !== accountId) throw noSuchDevice(serialNumber);
  return device;
}
