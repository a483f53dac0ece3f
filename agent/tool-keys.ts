// Tool names as a model sees them: providers allow [a-zA-Z0-9_-] only, so `crm.add_note` is offered as `crm__add_note`.

export function toolKey(toolName: string): string {
  return toolName.replace(/\./g, "__");
}

export function toolNameOf(key: string): string {
  return key.includes("__") ? key.replace(/__/g, ".") : key;
}
