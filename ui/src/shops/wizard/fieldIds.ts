// The DOM ids and test ids of a wizard field, from its key (client_id → client-id).
export function fieldId(key: string): string {
  return key.replaceAll("_", "-");
}

export const inputTestId = (key: string) => `${fieldId(key)}-input`;
export const errorTestId = (key: string) => `${fieldId(key)}-error`;
