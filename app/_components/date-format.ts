/**
 * The workspace's date and time ("2 Dec 2026, 15:14"): lists, histories, comments. The time zone
 * is the runtime's; a client component's rendering wins over the server's.
 */
export const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
});
