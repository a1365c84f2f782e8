// Welcome! This is real TypeScript. Press Run (or Ctrl+Enter) to try it as it is.

// 1. greet("Ada") should return "Hello, Ada!"
export function greet(name: string): string {
  return "Hello " + name;
}

// 2. The reason phrase of an HTTP status code:
//    200 → "OK", 404 → "Not Found", 500 → "Internal Server Error", anything else → "Unknown"
export function reasonPhrase(status: number): string {
  return status === 200 ? "OK" : "Not Found";
}

console.log(greet("world"));
