/** The id of a known claim's item in the panel (the article's mark scrolls to it). */
export const knownClaimElementId = (matchId: string) => `known-${matchId}`;
