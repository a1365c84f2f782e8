export function greet(name: string): string {
  return `Hello, ${name}!`;
}

const REASONS: Record<number, string> = {
  200: "OK",
  404: "Not Found",
  500: "Internal Server Error",
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? "Unknown";
}

console.log(greet("world"));
