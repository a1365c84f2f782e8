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

export class FormError extends DnsError {
  static override readonly pyName: string = "FormError";
  static override readonly defaultMessage: string = "DNS message is malformed.";
}

/** dns.exception.SyntaxError: presentation text that does not parse. */
export class DnsSyntaxError extends DnsError {
  static override readonly pyName: string = "SyntaxError";
  static override readonly defaultMessage: string = "Text input is malformed.";
}

export class UnexpectedEnd extends DnsSyntaxError {
  static override readonly pyName: string = "UnexpectedEnd";
  static override readonly defaultMessage: string = "Text input ended unexpectedly.";
}

export class TooBig extends DnsError {
  static override readonly pyName: string = "TooBig";
  static override readonly defaultMessage: string = "The DNS message is too big.";
}

// dns.name

export class EmptyLabel extends DnsSyntaxError {
  static override readonly pyName: string = "EmptyLabel";
  static override readonly pyModule: string = "dns.name";
  static override readonly defaultMessage: string = "A DNS label is empty.";
}

export class BadEscape extends DnsSyntaxError {
  static override readonly pyName: string = "BadEscape";
  static override readonly pyModule: string = "dns.name";
  static override readonly defaultMessage: string = "An escaped code in a text format of a DNS name is invalid.";
}

export class LabelTooLong extends DnsSyntaxError {
  static override readonly pyName: string = "LabelTooLong";
  static override readonly pyModule: string = "dns.name";
  static override readonly defaultMessage: string = "A DNS label is > 63 octets long.";
}

export class BadPointer extends FormError {
  static override readonly pyName: string = "BadPointer";
  static override readonly pyModule: string = "dns.name";
  static override readonly defaultMessage: string = "A DNS compression pointer points forward instead of backward.";
}

export class BadLabelType extends FormError {
  static override readonly pyName: string = "BadLabelType";
  static override readonly pyModule: string = "dns.name";
  static override readonly defaultMessage: string = "The label type in DNS name wire format is unknown.";
}

export class NameTooLong extends FormError {
  static override readonly pyName: string = "NameTooLong";
  static override readonly pyModule: string = "dns.name";
  static override readonly defaultMessage: string = "A DNS name is > 255 octets long.";
}

export class NeedAbsoluteNameOrOrigin extends DnsError {
  static override readonly pyName: string = "NeedAbsoluteNameOrOrigin";
  static override readonly pyModule: string = "dns.name";
  static override readonly defaultMessage: string =
    "An attempt was made to convert a non-absolute name to\n    wire when there was also a non-absolute (or missing) origin.";
}

export class NoParent extends DnsError {
  static override readonly pyName: string = "NoParent";
  static override readonly pyModule: string = "dns.name";
  static override readonly defaultMessage: string = "An attempt was made to get the parent of the root name\n    or the empty name.";
}

// dns.message

export class ShortHeader extends FormError {
  static override readonly pyName: string = "ShortHeader";
  static override readonly pyModule: string = "dns.message";
  static override readonly defaultMessage: string = "The DNS packet passed to from_wire() is too short.";
}

export class TrailingJunk extends FormError {
  static override readonly pyName: string = "TrailingJunk";
  static override readonly pyModule: string = "dns.message";
  static override readonly defaultMessage: string = "The DNS packet passed to from_wire() has extra junk at the end of it.";
}

export class BadEDNS extends FormError {
  static override readonly pyName: string = "BadEDNS";
  static override readonly pyModule: string = "dns.message";
  static override readonly defaultMessage: string = "An OPT record occurs somewhere other than the additional data section.";
}

/** The header's TC bit was set and the caller asked to be told (dnspython prints it as ''). */
export class Truncated extends DnsError {
  static override readonly pyName: string = "Truncated";
  static override readonly pyModule: string = "dns.message";
  static override readonly defaultMessage: string = "";
}

// dns.rdatatype / dns.rdataclass

export class UnknownRdatatype extends DnsError {
  static override readonly pyName: string = "UnknownRdatatype";
  static override readonly pyModule: string = "dns.rdatatype";
  static override readonly defaultMessage: string = "DNS resource record type is unknown.";
}

export class UnknownRdataclass extends DnsError {
  static override readonly pyName: string = "UnknownRdataclass";
  static override readonly pyModule: string = "dns.rdataclass";
  static override readonly defaultMessage: string = "A DNS class is unknown.";
}
