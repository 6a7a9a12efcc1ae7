import type { VehicleId } from '../topics/topic';
import { isValidSerialNumber, isValidTopicLevel } from '../topics/topic-path';

/**
 * The MQTT username a vehicle logs in with: `{manufacturer}/{serialNumber}`, the two topic levels that name it.
 * VDA 5050 leaves broker logins to the project. With this convention a broker derives a vehicle's own topics from
 * its username alone, as the api's embedded broker does.
 */
export function vehicleUsername(vehicle: VehicleId): string {
  return `${vehicle.manufacturer}/${vehicle.serialNumber}`;
}

/**
 * The vehicle a username names, or `undefined` when it is not `{manufacturer}/{serialNumber}` with identifiers that
 * may appear in a topic (see {@link vehicleUsername}).
 */
export function vehicleOfUsername(username: string): VehicleId | undefined {
  const parts = username.split('/');
  if (parts.length !== 2) return undefined;
  const [manufacturer, serialNumber] = parts;
  if (!isValidTopicLevel(manufacturer) || !isValidSerialNumber(serialNumber)) return undefined;
  return { manufacturer, serialNumber };
}
