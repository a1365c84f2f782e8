// FastAPI sends no body (and no content type) for these statuses.
export function isBodyAllowed(status: number): boolean {
  return !(status < 200 || status === 204 || status === 205 || status === 304);
}
