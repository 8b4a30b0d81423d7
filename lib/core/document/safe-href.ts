/** Links may only point to the web or to e-mail: no `javascript:`, `data:` or relative URLs. */
export const SAFE_HREF = /^(https?:|mailto:)/i;
