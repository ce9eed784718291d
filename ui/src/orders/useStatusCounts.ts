import { useEffect, useState } from "react";
import { api, errorMessage } from "../api";
import type { StatusCounts } from "../bindings";

type State = { key: string; counts: StatusCounts | null; error: string | null };

/** Counts per status for the current shop/search, fetched again on every refreshToken. */
export function useStatusCounts(shopId: number | null, search: string | null, refreshToken: number) {
  const key = JSON.stringify([shopId, search]);
  const [state, setState] = useState<State>({ key, counts: null, error: null });

  useEffect(() => {
    let cancelled = false;
    api.statusCounts({ shop_id: shopId, search }).then(
      (counts) => {
        if (!cancelled) setState({ key, counts, error: null });
      },
      (e: unknown) => {
        if (cancelled) return;
        // Keep the last good counts of this filter on screen beside the error.
        setState((s) => ({ key, counts: s.key === key ? s.counts : null, error: errorMessage(e) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, shopId, search, refreshToken]);

  // Counts of another filter are not shown while the new ones load.
  return state.key === key ? state : { key, counts: null, error: null };
}
