/** Password rules, shared by the server's validation and the forms' hints (no hashing here). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
