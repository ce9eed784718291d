// 「新しいバージョン X があります。今すぐ更新しますか？」: Juchu asks, the merchant decides.
// Checked at start and every few hours; nothing is shown when there is no update or the
// update server cannot be reached. 「後で」 hides the offer for this version until Juchu
// restarts. The backend refuses to install while 発送情報の更新 sends (EXPORT_RUNNING).
import { useEffect, useState } from "react";
import { api, errorDetail, errorMessage } from "../api";
import type { UpdateOffer } from "../bindings";
import { DetailToggle } from "../ui/DetailToggle";

/** How often a running Juchu looks again (it runs all day). */
export const RECHECK_MS = 6 * 60 * 60 * 1000;

type Failure = { text: string; detail: string | null };

export function UpdatePrompt({ recheckMs = RECHECK_MS }: { recheckMs?: number }) {
  const [offer, setOffer] = useState<UpdateOffer | null>(null);
  const [later, setLater] = useState<string | null>(null);
  const [installing, setInstalling] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    let cancelled = false;
    const check = () => {
      api.updateCheck().then(
        (found) => {
          if (!cancelled && found) setOffer(found);
        },
        // Never nag: a failed check waits for the next one.
        () => {},
      );
    };
    check();
    const timer = setInterval(check, recheckMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [recheckMs]);

  if (!offer || later === offer.version) return null;

  const install = async () => {
    setInstalling(true);
    setFailure(null);
    try {
      // Juchu restarts when the update is installed: this call does not come back then.
      await api.updateInstall();
    } catch (e) {
      setFailure({ text: errorMessage(e), detail: errorDetail(e) });
      setInstalling(false);
    }
  };

  return (
    <div className="update-banner" role="alertdialog" aria-label="アップデート" data-testid="update-banner">
      <strong>アップデート</strong>
      <div className="update-text">
        <span>
          新しいバージョン {offer.version} があります（今のバージョンは {offer.current_version}）。今すぐ更新しますか？
        </span>
        {installing ? (
          <span className="update-note">ダウンロードしています… 終わると Juchu が再起動します。</span>
        ) : (
          <span className="update-note">更新すると Juchu が再起動します。発送情報の更新の途中には更新しません。</span>
        )}
        {offer.notes && (
          <details className="update-notes">
            <summary>変更内容</summary>
            <pre>{offer.notes}</pre>
          </details>
        )}
        {failure && (
          <span className="inline-message error" role="alert" data-testid="update-error">
            {failure.text}
            <DetailToggle detail={failure.detail} />
          </span>
        )}
      </div>
      <button type="button" className="primary" disabled={installing} data-testid="update-install" onClick={() => void install()}>
        今すぐ更新
      </button>
      <button
        type="button"
        disabled={installing}
        data-testid="update-later"
        onClick={() => {
          setLater(offer.version);
          setFailure(null);
        }}
      >
        後で
      </button>
    </div>
  );
}
