// Vitest runs outside React's "react-server" condition, where the real `server-only` throws on
// import. Tests are server code, so the marker is replaced by this empty module.
export {};
