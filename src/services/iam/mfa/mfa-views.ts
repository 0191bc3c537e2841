import { isoSeconds } from '../../../kernel/iso-time.js';
import type { User } from '../../../model/entities.js';
import type { MfaDevice } from '../../../storage/store.js';
import { userView } from '../shared/views.js';

/** ListMFADevices' MFADevice: UserName, SerialNumber, EnableDate (all required by the model). */
export function mfaDeviceView(device: MfaDevice, user: User) {
  return { UserName: user.userName, SerialNumber: device.serialNumber, EnableDate: isoSeconds(device.enableDate ?? device.createDate) };
}

/**
 * ListVirtualMFADevices' VirtualMFADevice: an unassigned device shows only its SerialNumber; an
 * assigned one adds its User and EnableDate (recorded AWS replies). The seed is never listed.
 */
export function virtualMfaDeviceView(device: MfaDevice, user: User | undefined) {
  if (device.userId === undefined) return { SerialNumber: device.serialNumber };
  return {
    SerialNumber: device.serialNumber,
    User: user ? userView(user) : undefined,
    EnableDate: device.enableDate === undefined ? undefined : isoSeconds(device.enableDate),
  };
}
