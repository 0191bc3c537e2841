import type { Operation } from '../../operation.js';
import { createVirtualMfaDevice } from './create-virtual-mfa-device.js';
import { deactivateMfaDevice } from './deactivate-mfa-device.js';
import { deleteVirtualMfaDevice } from './delete-virtual-mfa-device.js';
import { enableMfaDevice } from './enable-mfa-device.js';
import { getMfaDevice } from './get-mfa-device.js';
import { listMfaDeviceTags } from './list-mfa-device-tags.js';
import { listMfaDevices } from './list-mfa-devices.js';
import { listVirtualMfaDevices } from './list-virtual-mfa-devices.js';
import { resyncMfaDevice } from './resync-mfa-device.js';
import { tagMfaDevice } from './tag-mfa-device.js';
import { untagMfaDevice } from './untag-mfa-device.js';

export const MFA_OPERATIONS: readonly Operation[] = [
  createVirtualMfaDevice,
  enableMfaDevice,
  deactivateMfaDevice,
  deleteVirtualMfaDevice,
  listMfaDevices,
  listVirtualMfaDevices,
  getMfaDevice,
  resyncMfaDevice,
  tagMfaDevice,
  untagMfaDevice,
  listMfaDeviceTags,
];
