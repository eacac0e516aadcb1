/**
 * Phone numbers for the myKaarma send check (reference §2: the vendor refuses a recipient that is not a
 * valid number and stores numbers as country code + national number). libphonenumber-js with its full
 * metadata is about 12 MB installed and only the mock needs it, so it is an optional peer dependency:
 * users of the clients never install it, and the mock loads it when it starts and says what to install
 * when it is missing.
 */
import { isModuleNotFound, missingPeer } from '../optional-peer.js';

/** The package the mock loads, and what to run when it is missing. */
export const PHONE_PACKAGE = 'libphonenumber-js';

export interface PhoneNumbers {
  /** Whether `value` is a valid number (a national number is read as US, as the vendor does). */
  isValid(value: string): boolean;
  /** Country code + national number without "+", as the vendor stores numbers; `value` itself when it is no number. */
  normalized(value: string): string;
}

interface ParsedNumber {
  number: string;
  isValid(): boolean;
}

/** Thrown by `startMockServer()` when the optional peer dependency is not installed. */
export function missingPhonePackage(cause: unknown): Error {
  return missingPeer(PHONE_PACKAGE, 'bot-apis/mock checks myKaarma phone numbers with', cause);
}

/** Loads libphonenumber-js (full metadata: the vendor validates against every region's number plan). */
export async function loadPhoneNumbers(): Promise<PhoneNumbers> {
  let parse: (text: string, defaultCountry: 'US') => ParsedNumber | undefined;
  try {
    ({ parsePhoneNumberFromString: parse } = await import('libphonenumber-js/max'));
  } catch (error) {
    throw isModuleNotFound(error, PHONE_PACKAGE) ? missingPhonePackage(error) : error;
  }
  return {
    isValid: (value) => parse(value, 'US')?.isValid() ?? false,
    normalized: (value) => parse(value, 'US')?.number.replace(/^\+/, '') ?? value,
  };
}
