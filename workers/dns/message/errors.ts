// The engine's errors, named and nested as dnspython's exceptions are (dns.exception, dns.name,
// dns.message), so a lesson can say "BadPointer, a kind of FormError" and the golden replay can
// compare the class, its module and its chain. Each class's default message is dnspython's
// docstring text, which is what str(exc) prints when no message is given.

export class DnsError extends Error {
  static readonly pyName: string = "DNSException";
  static readonly pyModule: string = "dns.exception";
  static readonly defaultMessage: string = "DNS exception";

  constructor(message?: string) {
    super(message ?? (new.target as typeof DnsError).defaultMessage);
    this.name = (new.target as typeof DnsError).pyName;
  }

  /** dnspython's class name of this error ("BadPointer"). */
  get pyClass(): string {
    return (this.constructor as typeof DnsError).pyName;
  }

  get pyModule(): string {
    return (this.constructor as typeof DnsError).pyModule;
  }

  /** The class chain from this class up to DNSException, as Python's MRO lists it. */
  get isA(): string[] {
    const chain: string[] = [];
    for (let c = this.constructor as typeof DnsError; c !== (Error as unknown); c = Object.getPrototypeOf(c) as typeof DnsError) chain.push(c.pyName);
    return chain;
  }
}

/** A subclass of `base` carrying dnspython's class name, module and default message. */
function errorClass(base: typeof DnsError, pyName: string, pyModule: string, defaultMessage: string) {
  return class extends base {
    static override readonly pyName: string = pyName;
    static override readonly pyModule: string = pyModule;
    static override readonly defaultMessage: string = defaultMessage;
  };
}

export const FormError = errorClass(DnsError, "FormError", "dns.exception", "DNS message is malformed.");
export type FormError = InstanceType<typeof FormError>;
/** dns.exception.SyntaxError: presentation text that does not parse. */
export const DnsSyntaxError = errorClass(DnsError, "SyntaxError", "dns.exception", "Text input is malformed.");
export type DnsSyntaxError = InstanceType<typeof DnsSyntaxError>;
export const UnexpectedEnd = errorClass(DnsSyntaxError, "UnexpectedEnd", "dns.exception", "Text input ended unexpectedly.");
export type UnexpectedEnd = InstanceType<typeof UnexpectedEnd>;
export const TooBig = errorClass(DnsError, "TooBig", "dns.exception", "The DNS message is too big.");
export type TooBig = InstanceType<typeof TooBig>;
export const BadTTL = errorClass(DnsSyntaxError, "BadTTL", "dns.ttl", "DNS TTL value is not well-formed.");
export type BadTTL = InstanceType<typeof BadTTL>;

// dns.name
export const EmptyLabel = errorClass(DnsSyntaxError, "EmptyLabel", "dns.name", "A DNS label is empty.");
export type EmptyLabel = InstanceType<typeof EmptyLabel>;
export const BadEscape = errorClass(DnsSyntaxError, "BadEscape", "dns.name", "An escaped code in a text format of a DNS name is invalid.");
export type BadEscape = InstanceType<typeof BadEscape>;
export const LabelTooLong = errorClass(DnsSyntaxError, "LabelTooLong", "dns.name", "A DNS label is > 63 octets long.");
export type LabelTooLong = InstanceType<typeof LabelTooLong>;
export const BadPointer = errorClass(FormError, "BadPointer", "dns.name", "A DNS compression pointer points forward instead of backward.");
export type BadPointer = InstanceType<typeof BadPointer>;
export const BadLabelType = errorClass(FormError, "BadLabelType", "dns.name", "The label type in DNS name wire format is unknown.");
export type BadLabelType = InstanceType<typeof BadLabelType>;
export const NameTooLong = errorClass(FormError, "NameTooLong", "dns.name", "A DNS name is > 255 octets long.");
export type NameTooLong = InstanceType<typeof NameTooLong>;
export const NeedAbsoluteNameOrOrigin = errorClass(DnsError, "NeedAbsoluteNameOrOrigin", "dns.name", "An attempt was made to convert a non-absolute name to\n    wire when there was also a non-absolute (or missing) origin.");
export type NeedAbsoluteNameOrOrigin = InstanceType<typeof NeedAbsoluteNameOrOrigin>;
export const NoParent = errorClass(DnsError, "NoParent", "dns.name", "An attempt was made to get the parent of the root name\n    or the empty name.");
export type NoParent = InstanceType<typeof NoParent>;

// dns.message
export const ShortHeader = errorClass(FormError, "ShortHeader", "dns.message", "The DNS packet passed to from_wire() is too short.");
export type ShortHeader = InstanceType<typeof ShortHeader>;
export const TrailingJunk = errorClass(FormError, "TrailingJunk", "dns.message", "The DNS packet passed to from_wire() has extra junk at the end of it.");
export type TrailingJunk = InstanceType<typeof TrailingJunk>;
export const BadEDNS = errorClass(FormError, "BadEDNS", "dns.message", "An OPT record occurs somewhere other than the additional data section.");
export type BadEDNS = InstanceType<typeof BadEDNS>;
/** The header's TC bit was set and the caller asked to be told (dnspython prints it as ''). */
export const Truncated = errorClass(DnsError, "Truncated", "dns.message", "");
export type Truncated = InstanceType<typeof Truncated>;

// dns.rdatatype / dns.rdataclass
export const UnknownRdatatype = errorClass(DnsError, "UnknownRdatatype", "dns.rdatatype", "DNS resource record type is unknown.");
export type UnknownRdatatype = InstanceType<typeof UnknownRdatatype>;
export const UnknownRdataclass = errorClass(DnsError, "UnknownRdataclass", "dns.rdataclass", "A DNS class is unknown.");
export type UnknownRdataclass = InstanceType<typeof UnknownRdataclass>;
