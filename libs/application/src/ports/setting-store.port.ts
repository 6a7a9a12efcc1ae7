/** Small named values the api keeps across restarts (the token signing key, whether the fleet is stopped). */
export abstract class SettingStore {
  abstract get(key: string): Promise<string | undefined>;
  /** `undefined` removes the value. */
  abstract put(key: string, value: string | undefined): Promise<void>;
}
