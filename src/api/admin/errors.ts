/** An HTTP-level refusal of the admin API, with a stable code and a message a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** 401: no valid session or key. */
export const unauthenticated = () =>
  new ApiError(401, "MH_UNAUTHENTICATED", "sign in first (or send a valid API key)");

/** 403: signed in, but the role or key scope does not allow this. */
export const forbidden = (what: string) =>
  new ApiError(403, "MH_FORBIDDEN", `your role does not allow you to ${what}`);

/** 409: the resource changed since the client read it. */
export const stale = (what: string, current: number) =>
  new ApiError(
    409,
    "MH_STALE",
    `${what} was changed by someone else since you opened it (now at version ${current}); reload it and apply your changes again`,
  );
