import { redirect } from "next/navigation";
import { getDb } from "@/db/instance";
import { countUsers } from "@/db/queries/users";

export const dynamic = "force-dynamic";

/** The front door: first run goes to setup, everyone else to the articles. */
export default async function Home() {
  if ((await countUsers(await getDb())) === 0) redirect("/setup");
  redirect("/articles");
}
